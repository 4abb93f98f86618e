//! Keymaps: which key does which named [`Action`], per context.
//!
//! A keymap is a YAML file (`keymaps/default.yaml` is embedded in the binary, with
//! `vim.yaml` and `emacs.yaml`) mapping, per context, a key name to an action name.
//! The map in force is a base file (the default, or the one picked with `--keymap`)
//! with the user's `keymap.yaml` from the config directory laid over it key by key.
//! A bad file is an error naming the file, the line and the key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::app::{Action, Key, Mode};

/// The embedded keymaps, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../keymaps/default.yaml")),
    ("vim", include_str!("../keymaps/vim.yaml")),
    ("emacs", include_str!("../keymaps/emacs.yaml")),
];

/// Where a key binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Outside the editor and prompts, after the focused pane's own keys.
    Global,
    /// The agenda pane has the focus.
    Agenda,
    /// The roster pane has the focus.
    Roster,
    /// Typing notes (keys not bound here are typed).
    Editor,
    /// Answering a prompt (keys not bound here are typed).
    Prompt,
}

impl Context {
    /// All contexts, in file order.
    pub const ALL: [Context; 5] = [
        Context::Global,
        Context::Agenda,
        Context::Roster,
        Context::Editor,
        Context::Prompt,
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Agenda => "agenda",
            Context::Roster => "roster",
            Context::Editor => "editor",
            Context::Prompt => "prompt",
        }
    }

    fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The keys in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: BTreeMap<Context, BTreeMap<Key, Action>>,
    /// The files it was made from, for `scribe keys`.
    pub sources: Vec<String>,
}

/// A keymap file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct KeymapError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The key (or context) at fault, when there is one.
    pub key: Option<String>,
    pub message: String,
}

/// Keymap errors are errors in the user's data like any other.
impl From<KeymapError> for crate::error::InputError {
    fn from(e: KeymapError) -> Self {
        crate::error::InputError::at(&e.path, e.line.max(1), e.column.max(1), e.message)
    }
}

/// A YAML mapping read in order that refuses a key given twice (a plain map
/// keeps the last silently, so a binding would be lost without a word).
struct UniqueMap<V>(Vec<(String, V)>);

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut entries: Vec<(String, V)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key `{key}`: each key may be given once"
                        )));
                    }
                    entries.push((key, map.next_value()?));
                }
                Ok(UniqueMap(entries))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

impl Keymap {
    /// The embedded default keymap.
    pub fn default_map() -> Keymap {
        // The embedded file is checked by a test; an empty map is the fallback
        // rather than a panic.
        Keymap::builtin("default").unwrap_or_else(|| Keymap {
            bindings: BTreeMap::new(),
            sources: Vec::new(),
        })
    }

    /// An embedded keymap by name (`default`, `vim`, `emacs`).
    pub fn builtin(name: &str) -> Option<Keymap> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let mut map = Keymap {
            bindings: BTreeMap::new(),
            sources: vec![format!("{name} (built in)")],
        };
        map.overlay_yaml(src, Path::new(&format!("keymaps/{name}.yaml")))
            .ok()?;
        Some(map)
    }

    /// Reads a whole keymap file.
    pub fn parse(src: &str, path: &Path) -> Result<Keymap, KeymapError> {
        let mut map = Keymap {
            bindings: BTreeMap::new(),
            sources: vec![path.display().to_string()],
        };
        map.overlay_yaml(src, path)?;
        Ok(map)
    }

    /// The keymap in force: `pick` (a file, or the name of a built-in map) or the
    /// default, with `user_file` (when it exists) laid over it.
    pub fn load(pick: Option<&Path>, user_file: Option<&Path>) -> Result<Keymap, KeymapError> {
        let read = |path: &Path| {
            crate::config::read_settings_file(path, "keymap").map_err(|e| KeymapError {
                path: e.path.clone(),
                line: e.line,
                column: e.column,
                key: None,
                message: e.message.clone(),
            })
        };
        let mut map = match pick {
            None => Keymap::default_map(),
            // A built-in name, unless a file of that name is there.
            Some(path) => match read(path)? {
                Some(src) => Keymap::parse(&src, path)?,
                None => match path.to_str().and_then(Keymap::builtin) {
                    Some(map) => map,
                    None => {
                        return Err(KeymapError {
                            path: path.to_path_buf(),
                            line: 1,
                            column: 1,
                            key: None,
                            message: "cannot read the keymap: no such file (built-in keymaps: \
                                      default, vim, emacs)"
                                .into(),
                        });
                    }
                },
            },
        };
        if let Some(path) = user_file
            && let Some(src) = read(path)?
        {
            map.overlay_yaml(&src, path)?;
            map.sources.push(path.display().to_string());
        }
        Ok(map)
    }

    /// Lays the bindings of a keymap file over this map: each key given replaces
    /// that key's binding; a key given as null is unbound.
    pub fn overlay_yaml(&mut self, src: &str, path: &Path) -> Result<(), KeymapError> {
        let error = |line: usize, column: usize, key: Option<&str>, message: String| KeymapError {
            path: path.to_path_buf(),
            line,
            column,
            key: key.map(str::to_string),
            message,
        };
        let file: UniqueMap<Option<UniqueMap<Option<String>>>> = if src.trim().is_empty() {
            UniqueMap(Vec::new())
        } else {
            yaml_serde::from_str(src).map_err(|e| {
                // A YAML error without a place (a second document, say) is put
                // at the start of the file: every error names a line.
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                error(
                    line,
                    column,
                    None,
                    format!("not a keymap ({e}); expected `context: {{key: action}}`"),
                )
            })?
        };
        for (context_name, keys) in file.0 {
            let Some(context) = Context::from_name(&context_name) else {
                let (line, column) = locate(src, None, &context_name);
                return Err(error(
                    line,
                    column,
                    Some(&context_name),
                    format!(
                        "unknown context `{context_name}` (expected one of: {})",
                        Context::ALL.map(Context::name).join(", ")
                    ),
                ));
            };
            for (key_name, action_name) in keys.map(|k| k.0).unwrap_or_default() {
                // Where the key is written, looked for only to say so in an
                // error (a keymap is read at every start).
                let at = || locate(src, Some(&context_name), &key_name);
                let key: Key = key_name
                    .parse()
                    .map_err(|e: crate::app::key::KeyParseError| {
                        let (line, column) = at();
                        error(line, column, Some(&key_name), e.to_string())
                    })?;
                // In the editor and prompts a plain character is text: binding it
                // would make it impossible to type.
                let typed =
                    matches!(key.code, crate::app::KeyCode::Char(_)) && !key.ctrl && !key.alt;
                if typed
                    && matches!(context, Context::Editor | Context::Prompt)
                    && action_name
                        .as_deref()
                        .is_some_and(|a| !a.trim().is_empty() && a.trim() != "none")
                {
                    let (line, column) = at();
                    return Err(error(
                        line,
                        column,
                        Some(&key_name),
                        format!(
                            "`{key_name}` cannot be bound in `{context_name}`: it is typed there; use a key with Ctrl- or Alt-, or a named key such as F2"
                        ),
                    ));
                }
                let bindings = self.bindings.entry(context).or_default();
                match action_name.as_deref().map(str::trim) {
                    None | Some("" | "none") => {
                        bindings.remove(&key);
                    }
                    Some(name) => {
                        let action = Action::from_name(name).ok_or_else(|| {
                            let (line, column) = at();
                            error(
                                line,
                                column,
                                Some(&key_name),
                                format!(
                                    "unknown action `{name}` for key `{key_name}` (known actions: {})",
                                    crate::app::action::COMMANDS
                                        .iter()
                                        .map(|c| c.name)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            )
                        })?;
                        bindings.insert(key, action);
                    }
                }
            }
        }
        Ok(())
    }

    /// The action bound to `key` in `context` alone.
    pub fn get(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings.get(&context)?.get(&key).copied()
    }

    /// The first key of a command given outside the editor and prompts (the
    /// global keys, then the agenda's), to name it in a message: `None` when
    /// the keymap in force leaves it unbound.
    pub fn command_key(&self, action: Action) -> Option<Key> {
        [Context::Global, Context::Agenda]
            .iter()
            .find_map(|c| self.keys_for(*c, action).first().copied())
    }

    /// The keys bound to `action` in `context`, in key order.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<Key> {
        self.bindings.get(&context).map_or_else(Vec::new, |b| {
            b.iter()
                .filter(|(_, a)| **a == action)
                .map(|(k, _)| *k)
                .collect()
        })
    }

    /// The bindings of `context`, grouped by action in help order: (action, keys).
    pub fn grouped(&self, context: Context) -> Vec<(Action, Vec<Key>)> {
        Action::named()
            .map(|a| (a, self.keys_for(context, a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }

    /// What `key` does in the situation of the screen: the focused pane's context
    /// then the global one; in the editor and prompts unbound keys are typed.
    pub fn resolve(&self, mode: Mode, key: Key) -> Option<Action> {
        match mode {
            Mode::Help => Some(Action::Help),
            Mode::Prompt => self.get(Context::Prompt, key).or(Some(Action::Type(key))),
            Mode::Editor => self.get(Context::Editor, key).or(Some(Action::Type(key))),
            Mode::Agenda => self
                .get(Context::Agenda, key)
                .or_else(|| self.get(Context::Global, key)),
            Mode::Roster => self
                .get(Context::Roster, key)
                .or_else(|| self.get(Context::Global, key)),
        }
    }
}

impl Keymap {
    /// The keys a key press stands for. Over SSH (and in many terminals) Esc
    /// followed quickly by a key arrives as that key with Alt held; in the notes
    /// editor, where Esc is the way out and loses nothing, such a key is read as
    /// Esc and then the key — the secretary who leaves the editor and presses
    /// `a` gets a new item, not a note starting with "a". An Alt-key the editor
    /// binds itself stays what it is; Alt with Backspace or Delete (delete a
    /// word) is never an Esc. In a prompt Esc gives up what was typed, so an
    /// Alt-key there stays a key (it never throws a title away).
    pub fn expand(&self, mode: Mode, key: Key) -> Vec<Key> {
        if mode != Mode::Editor {
            return vec![key];
        }
        let plain_char = matches!(key.code, crate::app::KeyCode::Char(_)) && !key.ctrl;
        if key.alt && plain_char && self.get(Context::Editor, key).is_none() {
            let esc = Key::plain(crate::app::KeyCode::Esc);
            vec![esc, Key { alt: false, ..key }]
        } else {
            vec![key]
        }
    }
}

/// Line and column (1-based) of `key` under `context` in a keymap file, for errors.
/// The YAML reader does not keep positions of map keys, so the source is searched.
fn locate(src: &str, context: Option<&str>, key: &str) -> (usize, usize) {
    let matches_key = |line: &str, key: &str| {
        let t = line.trim_start();
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|p| t.starts_with(p.as_str()))
    };
    let mut in_context = context.is_none();
    for (n, line) in src.lines().enumerate() {
        let indented = line.starts_with([' ', '\t']);
        if let Some(ctx) = context
            && !indented
            && !line.trim().is_empty()
            && !line.starts_with('#')
        {
            in_context = matches_key(line, ctx);
            continue;
        }
        if in_context && matches_key(line, key) && (context.is_some() || !indented) {
            return (n + 1, line.len() - line.trim_start().len() + 1);
        }
    }
    // A file laid out unusually (the whole map indented, say): the first line that
    // names the key; a key not found as written (spelled with a YAML tag or an
    // escape) is put at the start of the file — every error names a line.
    src.lines()
        .enumerate()
        .find(|(_, line)| matches_key(line, key))
        .map_or((1, 1), |(n, line)| {
            (n + 1, line.len() - line.trim_start().len() + 1)
        })
}

impl fmt::Display for Keymap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe(self))
    }
}

/// The keymap as text for `scribe keys`: per context, each action and its keys.
pub fn describe(map: &Keymap) -> String {
    let mut out = String::new();
    if !map.sources.is_empty() {
        out.push_str(&format!("# from: {}\n", map.sources.join(", ")));
    }
    for context in Context::ALL {
        let groups = map.grouped(context);
        if groups.is_empty() {
            continue;
        }
        out.push_str(&format!("{}:\n", context.name()));
        for (action, keys) in groups {
            let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
            out.push_str(&format!(
                "  {:<16} {:<24} {}\n",
                keys.join(" "),
                action.name().unwrap_or_default(),
                action.describe()
            ));
        }
    }
    out
}

/// The user's keymap override file (`keymap.yaml` in the config directory).
pub fn user_keymap_path() -> Option<PathBuf> {
    crate::config::ConfigPaths::from_project_dirs().map(|p| p.config_dir.join("keymap.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        s.parse().unwrap()
    }

    #[test]
    fn builtin_keymaps_load_and_bind_the_documented_keys() {
        for (name, _) in BUILTIN {
            assert!(Keymap::builtin(name).is_some(), "{name}");
        }
        let map = Keymap::default_map();
        let table = [
            (Mode::Agenda, "Tab", Action::NextPane),
            (Mode::Roster, "Shift-Tab", Action::PrevPane),
            (Mode::Agenda, "Up", Action::Up),
            (Mode::Agenda, "k", Action::Up),
            (Mode::Roster, "j", Action::Down),
            (Mode::Agenda, "Space", Action::ToggleCheck),
            (Mode::Agenda, "Enter", Action::EditNotes),
            (Mode::Agenda, "i", Action::EditNotes),
            (Mode::Agenda, "x", Action::CycleBox),
            (Mode::Agenda, "K", Action::MoveItemUp),
            (Mode::Agenda, "J", Action::MoveItemDown),
            (Mode::Agenda, ">", Action::IndentItem),
            (Mode::Agenda, "<", Action::OutdentItem),
            (Mode::Agenda, "#", Action::ToggleNumbered),
            (Mode::Roster, "/", Action::Search),
            (Mode::Agenda, ".", Action::SearchNext),
            (Mode::Agenda, ",", Action::SearchPrev),
            (Mode::Prompt, "Down", Action::SearchNext),
            (Mode::Agenda, "Ctrl-d", Action::HalfPageDown),
            (Mode::Roster, "PageUp", Action::HalfPageUp),
            (Mode::Editor, "Ctrl-c", Action::Quit),
            (Mode::Prompt, "Ctrl-c", Action::Quit),
            (Mode::Roster, "Enter", Action::CycleState),
            (Mode::Editor, "Esc", Action::LeaveEditor),
            (Mode::Editor, "Tab", Action::Indent),
            (Mode::Editor, "Shift-Tab", Action::Outdent),
            (Mode::Agenda, "n", Action::DiscussNow),
            (Mode::Roster, "S", Action::StartMeeting),
            (Mode::Agenda, "E", Action::EndMeeting),
            (Mode::Agenda, "a", Action::AddItemAfter),
            (Mode::Agenda, "I", Action::AddItemBefore),
            (Mode::Agenda, "A", Action::AddSubItem),
            (Mode::Roster, "p", Action::Present),
            (Mode::Roster, "r", Action::Regrets),
            (Mode::Roster, "x", Action::Absent),
            (Mode::Roster, "l", Action::ArrivedLate),
            (Mode::Roster, "e", Action::LeftEarly),
            (Mode::Agenda, "+", Action::AddPerson),
            (Mode::Roster, "+", Action::AddPerson),
            (Mode::Agenda, "?", Action::Help),
            (Mode::Roster, "q", Action::Quit),
            (Mode::Roster, "P", Action::Publish),
            (Mode::Agenda, "F", Action::FixMinutes),
            (Mode::Agenda, "f", Action::CycleAgendaView),
            (Mode::Agenda, "t", Action::Ticket),
        ];
        for (mode, k, action) in table {
            assert_eq!(map.resolve(mode, key(k)), Some(action), "{mode:?} {k}");
        }
        // In the editor, letters are typed, not quit.
        assert_eq!(
            map.resolve(Mode::Editor, key("q")),
            Some(Action::Type(key("q")))
        );
        assert_eq!(map.resolve(Mode::Agenda, key("z")), None);
    }

    #[test]
    fn every_builtin_keymap_has_the_ways_out_and_leaves_typing_alone() {
        use crate::app::KeyCode;
        for (name, _) in BUILTIN {
            let map = Keymap::builtin(name).unwrap();
            for (context, action) in [
                (Context::Global, Action::Quit),
                (Context::Global, Action::Help),
                (Context::Global, Action::NextPane),
                (Context::Agenda, Action::EditNotes),
                (Context::Agenda, Action::ToggleCheck),
                (Context::Roster, Action::Present),
                (Context::Editor, Action::LeaveEditor),
                (Context::Prompt, Action::Confirm),
                (Context::Prompt, Action::Cancel),
                // The whole meeting from the keyboard.
                (Context::Global, Action::Search),
                (Context::Prompt, Action::SearchNext),
                (Context::Prompt, Action::SearchPrev),
                (Context::Agenda, Action::SearchNext),
                (Context::Agenda, Action::SearchPrev),
                (Context::Agenda, Action::CycleBox),
                (Context::Agenda, Action::MoveItemUp),
                (Context::Agenda, Action::MoveItemDown),
                (Context::Agenda, Action::IndentItem),
                (Context::Agenda, Action::OutdentItem),
                (Context::Agenda, Action::ToggleNumbered),
                (Context::Agenda, Action::AddItemBefore),
                (Context::Agenda, Action::HalfPageDown),
                (Context::Agenda, Action::HalfPageUp),
                (Context::Roster, Action::HalfPageDown),
                (Context::Roster, Action::HalfPageUp),
                // The end of the meeting and the group's memory.
                (Context::Global, Action::FixMinutes),
                (Context::Global, Action::Publish),
                (Context::Agenda, Action::CycleAgendaView),
                (Context::Agenda, Action::Ticket),
            ] {
                assert!(
                    !map.keys_for(context, action).is_empty(),
                    "{name}: {action:?} in {context:?}"
                );
            }
            // Ctrl-c quits safely wherever keys are commands.
            assert_eq!(
                map.resolve(Mode::Agenda, key("Ctrl-c")),
                Some(Action::Quit),
                "{name}"
            );
            // Tab moves between the panes and indents in the editor.
            assert_eq!(
                map.resolve(Mode::Agenda, key("Tab")),
                Some(Action::NextPane)
            );
            assert_eq!(map.resolve(Mode::Editor, key("Tab")), Some(Action::Indent));
            // Letters, digits and punctuation typed in the editor or a prompt are text.
            for context in [Context::Editor, Context::Prompt] {
                for (key, action) in map.bindings.get(&context).into_iter().flatten() {
                    let printable =
                        matches!(key.code, KeyCode::Char(c) if c != ' ') && !key.ctrl && !key.alt;
                    assert!(
                        !printable,
                        "{name}: {key} is bound to {action:?} in {context:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn esc_then_a_key_read_as_alt_is_esc_and_the_key_while_typing() {
        for (name, _) in BUILTIN {
            let map = Keymap::builtin(name).unwrap();
            let mode = Mode::Editor;
            assert_eq!(
                map.expand(mode, key("Alt-a")),
                [key("Esc"), key("a")],
                "{name}"
            );
            assert_eq!(map.expand(mode, key("Alt-A")), [key("Esc"), key("A")]);
            // Deleting a word stays what it is.
            assert_eq!(
                map.expand(mode, key("Alt-Backspace")),
                [key("Alt-Backspace")]
            );
            // Esc then `n` is leaving the editor, then (in the agenda)
            // discussing the item now.
            let [esc, n] = map.expand(mode, key("Alt-n"))[..] else {
                panic!("two keys")
            };
            assert_eq!(map.resolve(mode, esc), Some(Action::LeaveEditor), "{name}");
            assert_eq!(
                map.resolve(Mode::Agenda, n),
                Some(Action::DiscussNow),
                "{name}"
            );
            // Where keys are commands, Alt keys are left to the keymap; in a
            // prompt an Alt-key never gives up the typed text.
            assert_eq!(map.expand(Mode::Agenda, key("Alt-a")), [key("Alt-a")]);
            assert_eq!(map.expand(Mode::Prompt, key("Alt-b")), [key("Alt-b")]);
        }
        // An Alt-key bound in the editor is kept.
        let mut map = Keymap::default_map();
        map.overlay_yaml("editor:\n  Alt-d: toggle-decision\n", Path::new("k.yaml"))
            .unwrap();
        assert_eq!(map.expand(Mode::Editor, key("Alt-d")), [key("Alt-d")]);
    }

    #[test]
    fn user_file_overrides_single_keys_and_unbinds_with_null() {
        let mut map = Keymap::default_map();
        map.overlay_yaml(
            "agenda:\n  x: toggle-check\n  Space: null\n",
            Path::new("k.yaml"),
        )
        .unwrap();
        assert_eq!(
            map.get(Context::Agenda, key("x")),
            Some(Action::ToggleCheck)
        );
        assert_eq!(map.get(Context::Agenda, key("Space")), None);
        assert_eq!(map.get(Context::Agenda, key("j")), Some(Action::Down));
    }

    #[test]
    fn bad_keymaps_name_file_line_and_key() {
        let src = "# mine\nagenda:\n  j: down\n  k: jump-around\n";
        let err = Keymap::parse(src, Path::new("my.yaml")).unwrap_err();
        assert_eq!((err.line, err.column), (4, 3));
        assert_eq!(err.key.as_deref(), Some("k"));
        let text = err.to_string();
        assert!(
            text.starts_with("my.yaml:4:3: unknown action `jump-around` for key `k`"),
            "{text}"
        );

        let src = "roster:\n  p: present\n  Hyper-p: absent\n";
        let err = Keymap::parse(src, Path::new("my.yaml")).unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (3, Some("Hyper-p")));

        let err = Keymap::parse(
            "editor:\n  Esc: leave-editor\n  q: quit\n",
            Path::new("my.yaml"),
        )
        .unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (3, Some("q")));
        assert!(err.message.contains("it is typed there"), "{err}");

        let err = Keymap::parse("agendas:\n  j: down\n", Path::new("my.yaml")).unwrap_err();
        assert_eq!((err.line, err.key.as_deref()), (1, Some("agendas")));

        let err = Keymap::parse("agenda: [j, down\n", Path::new("my.yaml")).unwrap_err();
        assert!(err.line >= 1, "{err}");
        assert!(err.to_string().starts_with("my.yaml:"), "{err}");
    }

    #[test]
    fn describe_lists_every_bound_action_with_its_keys() {
        let text = describe(&Keymap::default_map());
        assert!(text.contains("agenda:\n"), "{text}");
        let line = text
            .lines()
            .find(|l| l.contains(" toggle-check "))
            .expect("toggle-check listed");
        assert!(line.trim_start().starts_with("Space"), "{line}");
        assert!(text.contains("Esc") && text.contains("leave-editor"));
    }

    #[test]
    fn picked_file_can_name_a_builtin_map() {
        let vim = Keymap::load(Some(Path::new("vim")), None).unwrap();
        assert_eq!(vim.get(Context::Agenda, key("i")), Some(Action::EditNotes));
        let err = Keymap::load(Some(Path::new("/nonexistent/k.yaml")), None).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/k.yaml"), "{err}");
    }
}

#[cfg(test)]
mod locate_tests {
    use super::*;

    /// Found by fuzzing: a map indented as a whole still names the line of the
    /// unknown context, not line 0.
    #[test]
    fn an_unknown_context_in_an_indented_file_names_its_line() {
        let err = Keymap::parse("# keys\n  x: null\n", Path::new("k.yaml")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3), "{err}");
        assert!(err.message.contains("unknown context `x`"));
    }
}
