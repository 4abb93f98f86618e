//! tmp
fn main() {
    let scale = 100;
    let base = scribe::workload::live_app(scribe::workload::meeting(scale));
    let records = scribe::workload::journal(scale);
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let s = scribe::services::session::Session::resume(base.clone(), &records, None);
        println!("{:?} {}", t.elapsed(), s.app.revision);
    }
}
