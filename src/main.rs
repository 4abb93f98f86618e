fn main() {
    println!("scribe");
}
