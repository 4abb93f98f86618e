//! The user's settings: `config.yaml` in scribe's config directory
//! (`directories::ProjectDirs::from("org", "scribe", "scribe")`, e.g.
//! `~/.config/scribe/config.yaml` on Linux). Every setting has a default, so the
//! file is optional and may set only some keys; a key scribe does not know is an
//! error naming the file, line and column, so a typo never goes unnoticed.
//!
//! ```yaml
//! style: checkbox          # seed | checkbox
//! keymap: default          # a shipped keymap's name, or a path to a YAML keymap
//! theme: high-contrast     # dark | light | high-contrast
//! output_folder: ~/minutes # where new minutes are written
//! show_local_time: false   # UTC only (default: local time beside UTC)
//! mouse: false             # click to focus/select, wheel to scroll
//! carried_threshold: 4      # `scribe next` warns about items open this many meetings
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::theme::{Theme, ThemeName, no_color_requested};

/// The file name of the config file inside the config directory.
pub const CONFIG_FILE_NAME: &str = "config.yaml";

/// The name of the keymap used when none is configured.
pub const DEFAULT_KEYMAP: &str = "default";

/// The style new minutes are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputStyle {
    /// The style of the reference minutes (2024): Jekyll front matter, meeting
    /// details, time-stamped headings, numbered and bulleted items.
    #[default]
    Seed,
    /// The 2025 checkbox style: `[x]` for what was done or discussed, `[ ]` open.
    Checkbox,
}

impl From<OutputStyle> for crate::model::Style {
    fn from(style: OutputStyle) -> Self {
        match style {
            OutputStyle::Seed => crate::model::Style::Seed,
            OutputStyle::Checkbox => crate::model::Style::Checkbox,
        }
    }
}

impl OutputStyle {
    /// The name as written in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputStyle::Seed => "seed",
            OutputStyle::Checkbox => "checkbox",
        }
    }
}

/// All settings, each with its default (see [`Config::default`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Output style of the minutes when the meeting file does not choose one:
    /// `seed` (default) or `checkbox`.
    pub style: OutputStyle,
    /// The keymap: the name of a keymap shipped with scribe (`default`), or a path
    /// to a keymap YAML file (anything with a `/` or ending in `.yaml`/`.yml`);
    /// a relative path is relative to the config directory. Default: `default`.
    pub keymap: String,
    /// Colour theme: `dark` (default), `light` or `high-contrast`. Setting the
    /// `NO_COLOR` environment variable turns colours off whatever the theme.
    pub theme: ThemeName,
    /// Folder where new minutes are written when the meeting file gives no output
    /// path. `~/` means the home directory; a relative path is relative to the
    /// config directory. Default: none — next to the meeting or agenda file.
    pub output_folder: Option<PathBuf>,
    /// Show the local time beside the UTC wall clock in the timer pane (when the
    /// local zone is not UTC). Default: `true`; `false` shows UTC only, as the
    /// minutes are.
    pub show_local_time: bool,
    /// Mouse support in the TUI: click a pane to focus it, click an item or person
    /// to select it, wheel to scroll. Default: `true`; `false` leaves the mouse to
    /// the terminal (e.g. for selecting text).
    pub mouse: bool,
    /// `scribe next` warns (on standard error) about open items that the minutes
    /// folder shows carried open for this many meetings or more. Default: 4.
    pub carried_threshold: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            style: OutputStyle::Seed,
            keymap: DEFAULT_KEYMAP.to_string(),
            theme: ThemeName::Dark,
            output_folder: None,
            show_local_time: true,
            mouse: true,
            carried_threshold: scribe_core::history::DEFAULT_CARRIED_THRESHOLD,
        }
    }
}

/// Where scribe keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPaths {
    /// The config directory (config file, user keymaps).
    pub config_dir: PathBuf,
    /// The config file: `config.yaml` in the config directory.
    pub config_file: PathBuf,
    /// The data directory (the journal of changes made during meetings).
    pub data_dir: PathBuf,
}

impl ConfigPaths {
    /// The platform's directories for scribe, from
    /// `ProjectDirs::from("org", "scribe", "scribe")`; `None` when the home
    /// directory is unknown.
    pub fn from_project_dirs() -> Option<ConfigPaths> {
        let dirs = directories::ProjectDirs::from("org", "scribe", "scribe")?;
        Some(ConfigPaths::in_dirs(dirs.config_dir(), dirs.data_dir()))
    }

    /// Paths rooted at the given config and data directories (tests, overrides).
    pub fn in_dirs(config_dir: &Path, data_dir: &Path) -> ConfigPaths {
        ConfigPaths {
            config_dir: config_dir.to_path_buf(),
            config_file: config_dir.join(CONFIG_FILE_NAME),
            data_dir: data_dir.to_path_buf(),
        }
    }
}

/// Which keymap the config names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapChoice {
    /// A keymap shipped with scribe, by name.
    Named(String),
    /// A keymap file.
    File(PathBuf),
}

/// The most a settings file (config, keymap) may hold: a few kilobytes are
/// usual, and a file that is more is not one (`/dev/zero`, a log).
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// Reads a settings file (config or keymap) whole: `None` when it does not
/// exist. Refused with the place and what was expected: what is not a regular
/// file (a FIFO would block forever, a device never end), a file over
/// [`MAX_SETTINGS_BYTES`], and text that is not UTF-8.
pub fn read_settings_file(path: &Path, what: &str) -> Result<Option<String>, InputError> {
    use std::io::Read as _;
    let refuse = |message: String| InputError::whole_file(path, message);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(refuse(format!("cannot read the {what}: {e}"))),
    };
    if !meta.is_file() {
        return Err(refuse(format!(
            "the {what} is not a regular file (a folder, pipe or device); expected a YAML file"
        )));
    }
    let too_big = || {
        refuse(format!(
            "the {what} is over the limit of {MAX_SETTINGS_BYTES} bytes; expected a YAML file of a few kilobytes"
        ))
    };
    if meta.len() > MAX_SETTINGS_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| refuse(format!("cannot read the {what}: {e}")))?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        InputError::at(
            path,
            line,
            column,
            format!("the {what} is not UTF-8 text here; expected a YAML file in UTF-8"),
        )
    })
}

impl Config {
    /// Reads the config file at `path`; a missing file means all defaults.
    pub fn load(path: &Path) -> Result<Config, InputError> {
        match read_settings_file(path, "config file")? {
            Some(text) => Config::parse(&text, path),
            None => Ok(Config::default()),
        }
    }

    /// Parses config YAML read from `path` (named in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A file of only comments (or nothing) is a valid "all defaults" file,
        // which the YAML parser would read as null rather than a mapping.
        let has_content = text.lines().any(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
        });
        if !has_content {
            return Ok(Config::default());
        }
        yaml_serde::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let mut message = e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or("")
                .to_string();
            if message.contains("unknown field") || message.contains("unknown variant") {
                message.push_str(" (`scribe config` shows every setting and its value)");
            }
            InputError::at(path, line, column, message)
        })
    }

    /// The keymap to load: a name, or a file resolved against the config directory.
    pub fn keymap_choice(&self, paths: &ConfigPaths) -> KeymapChoice {
        let k = self.keymap.trim();
        if k.contains('/') || k.ends_with(".yaml") || k.ends_with(".yml") {
            KeymapChoice::File(resolve(Path::new(k), paths))
        } else {
            KeymapChoice::Named(k.to_string())
        }
    }

    /// The output folder, resolved (`~/`, relative to the config directory).
    pub fn output_folder(&self, paths: &ConfigPaths) -> Option<PathBuf> {
        self.output_folder.as_deref().map(|p| resolve(p, paths))
    }

    /// The theme to draw with, honouring `NO_COLOR`.
    pub fn theme(&self) -> Theme {
        Theme::for_terminal(self.theme)
    }
}

/// `~/x` under the home directory; relative paths under the config directory.
fn resolve(path: &Path, paths: &ConfigPaths) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(base) = directories::BaseDirs::new()
    {
        return base.home_dir().join(rest);
    }
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        paths.config_dir.join(path)
    }
}

/// What `scribe config` prints: the paths scribe uses and every setting's
/// effective value, marked `(default)` when it is the default.
pub fn describe(config: &Config, paths: &ConfigPaths) -> String {
    describe_with(
        config,
        paths,
        no_color_requested(std::env::var_os("NO_COLOR").as_deref()),
    )
}

/// [`describe`] with the `NO_COLOR` state given.
pub fn describe_with(config: &Config, paths: &ConfigPaths, no_color: bool) -> String {
    let defaults = Config::default();
    let mark = |is_default: bool| if is_default { "  (default)" } else { "" };
    let file_state = if paths.config_file.is_file() {
        ""
    } else {
        "  (not found: all defaults)"
    };
    let mut out = String::new();
    out.push_str(&format!(
        "config file:      {}{file_state}\n",
        paths.config_file.display()
    ));
    out.push_str(&format!(
        "config directory: {}\n",
        paths.config_dir.display()
    ));
    out.push_str(&format!("data directory:   {}\n", paths.data_dir.display()));
    out.push('\n');
    out.push_str(&format!(
        "style:           {}{}\n",
        config.style.as_str(),
        mark(config.style == defaults.style)
    ));
    let keymap = match config.keymap_choice(paths) {
        KeymapChoice::Named(name) => name,
        KeymapChoice::File(path) => path.display().to_string(),
    };
    out.push_str(&format!(
        "keymap:          {keymap}{}\n",
        mark(config.keymap == defaults.keymap)
    ));
    let colours = if no_color {
        "  (NO_COLOR is set: no colours)"
    } else {
        ""
    };
    out.push_str(&format!(
        "theme:           {}{}{colours}\n",
        config.theme.as_str(),
        mark(config.theme == defaults.theme)
    ));
    let folder = config.output_folder(paths).map_or_else(
        || "next to the meeting file".to_string(),
        |p| p.display().to_string(),
    );
    out.push_str(&format!(
        "output_folder:   {folder}{}\n",
        mark(config.output_folder == defaults.output_folder)
    ));
    out.push_str(&format!(
        "show_local_time: {}{}\n",
        config.show_local_time,
        mark(config.show_local_time == defaults.show_local_time)
    ));
    out.push_str(&format!(
        "mouse:           {}{}\n",
        config.mouse,
        mark(config.mouse == defaults.mouse)
    ));
    out.push_str(&format!(
        "carried_threshold: {}{}\n",
        config.carried_threshold,
        mark(config.carried_threshold == defaults.carried_threshold)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &Path) -> ConfigPaths {
        ConfigPaths::in_dirs(&dir.join("config"), &dir.join("data"))
    }

    #[test]
    fn every_setting_is_read_and_missing_ones_keep_their_defaults() {
        let path = Path::new("/home/me/.config/scribe/config.yaml");
        let all = "style: checkbox\nkeymap: vim\ntheme: high-contrast\n\
                   output_folder: /srv/minutes\nshow_local_time: false\nmouse: false\n\
                   carried_threshold: 6\n";
        let config = Config::parse(all, path).unwrap();
        assert_eq!(
            config,
            Config {
                style: OutputStyle::Checkbox,
                keymap: "vim".into(),
                theme: ThemeName::HighContrast,
                output_folder: Some(PathBuf::from("/srv/minutes")),
                show_local_time: false,
                mouse: false,
                carried_threshold: 6,
            }
        );
        let some = Config::parse("# mine\ntheme: light\n", path).unwrap();
        assert_eq!(
            some,
            Config {
                theme: ThemeName::Light,
                ..Config::default()
            }
        );
        assert_eq!(Config::parse("", path).unwrap(), Config::default());
        assert_eq!(
            Config::parse("# nothing yet\n", path).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn unknown_keys_and_values_name_file_line_and_column() {
        let path = Path::new("/home/me/.config/scribe/config.yaml");
        let err = Config::parse("theme: light\ncolour: blue\n", path).unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(
            err.message.contains("unknown field `colour`"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("`show_local_time`"),
            "lists what is expected"
        );
        let shown = err.to_string();
        assert!(
            shown.starts_with("/home/me/.config/scribe/config.yaml:2:1: unknown field `colour`")
                && shown.ends_with("(`scribe config` shows every setting and its value)"),
            "{shown}"
        );

        let err = Config::parse("mouse: true\ntheme: blue\n", path).unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        assert!(
            err.message.contains("unknown variant `blue`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("`high-contrast`"), "{}", err.message);

        let err = Config::parse("mouse: sometimes\n", path).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("mouse"), "{}", err.message);
    }

    #[test]
    fn missing_file_means_defaults_and_unreadable_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        assert_eq!(Config::load(&p.config_file).unwrap(), Config::default());
        // A directory where the file should be cannot be read.
        std::fs::create_dir_all(&p.config_file).unwrap();
        let err = Config::load(&p.config_file).unwrap_err();
        assert_eq!(err.path, p.config_file);
        assert_eq!((err.line, err.column), (1, 1));
        assert!(
            err.message
                .starts_with("the config file is not a regular file"),
            "{}",
            err.message
        );
    }

    #[test]
    fn keymap_and_output_folder_resolve_against_the_config_directory() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let named = Config::default();
        assert_eq!(
            named.keymap_choice(&p),
            KeymapChoice::Named("default".into())
        );
        let file = Config {
            keymap: "keymaps/mine.yaml".into(),
            output_folder: Some("minutes".into()),
            ..Config::default()
        };
        assert_eq!(
            file.keymap_choice(&p),
            KeymapChoice::File(p.config_dir.join("keymaps/mine.yaml"))
        );
        assert_eq!(file.output_folder(&p), Some(p.config_dir.join("minutes")));
        let home = Config {
            output_folder: Some("~/minutes".into()),
            ..Config::default()
        };
        let resolved = home.output_folder(&p).unwrap();
        assert!(resolved.ends_with("minutes") && resolved.is_absolute());
        assert!(!resolved.to_string_lossy().contains('~'));
    }

    #[test]
    fn describe_lists_paths_and_effective_values() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let config = Config {
            theme: ThemeName::Light,
            mouse: false,
            ..Config::default()
        };
        let text = describe_with(&config, &p, true);
        let expected = format!(
            "config file:      {}  (not found: all defaults)\n\
             config directory: {}\n\
             data directory:   {}\n\
             \n\
             style:           seed  (default)\n\
             keymap:          default  (default)\n\
             theme:           light  (NO_COLOR is set: no colours)\n\
             output_folder:   next to the meeting file  (default)\n\
             show_local_time: true  (default)\n\
             mouse:           false\n\
             carried_threshold: 4  (default)\n",
            p.config_file.display(),
            p.config_dir.display(),
            p.data_dir.display()
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn project_dirs_use_the_agreed_names() {
        let p = ConfigPaths::from_project_dirs().expect("HOME is set");
        assert!(
            p.config_file.ends_with("scribe/config.yaml"),
            "{:?}",
            p.config_file
        );
        assert!(p.data_dir.to_string_lossy().contains("scribe"));
    }
}
