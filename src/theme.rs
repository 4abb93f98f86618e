//! Colour themes for the TUI, as data: one ratatui [`Style`] per role the panes
//! draw (text, dimmed text, selection, checked items, the current item, the timer
//! gauge's states, borders, the status line).
//!
//! Three themes ship: `dark` (the default), `light` and `high-contrast`. Their
//! colours are RGB so that their contrast is known: every role meets WCAG 2.1
//! contrast against the background it is drawn on (tested below). When `NO_COLOR`
//! is set to a non-empty value (<https://no-color.org>), [`Theme::for_terminal`]
//! gives a theme with no colours at all, in which roles differ only by modifiers
//! (bold, reversed, dim, underlined).

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

/// The name of a shipped theme, as written in `config.yaml` (`theme: light`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Light text on a dark background (the default).
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
    /// Black and white with saturated accents, at WCAG AAA contrast (7:1).
    HighContrast,
}

impl ThemeName {
    /// The name as written in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// All shipped themes.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];
}

/// The styles of every role the panes draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The whole screen: default foreground and the background everything sits on.
    pub base: Style,
    /// Ordinary text: agenda titles, notes, roster names.
    pub text: Style,
    /// Secondary text: time allowances, "regrets", hints.
    pub dim: Style,
    /// The selected line of the focused pane.
    pub selected: Style,
    /// Checked agenda items (`[x]`) and present people.
    pub checked: Style,
    /// The item being discussed now (`[>]`).
    pub current: Style,
    /// Timer gauge while time is left.
    pub gauge_ok: Style,
    /// Timer gauge near the end of the timebox; its foreground also marks text
    /// that needs attention soon (readable as text on the base background).
    pub gauge_warn: Style,
    /// Timer gauge past the end of the timebox; its foreground also marks text
    /// that is wrong now (readable as text on the base background).
    pub gauge_over: Style,
    /// Borders of panes without focus.
    pub border: Style,
    /// Border and title of the focused pane.
    pub focused_border: Style,
    /// The status line with the keys that matter.
    pub status: Style,
}

const fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

const fn fg(hex: u32) -> Style {
    Style::new().fg(rgb(hex))
}

impl Theme {
    /// The named theme with its colours.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    /// The theme to draw with: the named one, or [`Theme::no_color`] when the
    /// `NO_COLOR` environment variable asks for no colours.
    pub fn for_terminal(name: ThemeName) -> Theme {
        Theme::choose(
            name,
            no_color_requested(std::env::var_os("NO_COLOR").as_deref()),
        )
    }

    /// The named theme, or the colourless one when `no_color`.
    pub fn choose(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            Theme::no_color()
        } else {
            Theme::named(name)
        }
    }

    /// Light text on a dark grey background.
    pub fn dark() -> Theme {
        Theme {
            base: fg(0xd0d0d0).bg(rgb(0x1c1c1c)),
            text: fg(0xd0d0d0),
            dim: fg(0x8a8a8a),
            selected: fg(0xffffff).bg(rgb(0x2f4f7f)).add_modifier(Modifier::BOLD),
            checked: fg(0x87d787),
            current: fg(0xffd75f).add_modifier(Modifier::BOLD),
            gauge_ok: fg(0x5faf5f).bg(rgb(0x303030)),
            gauge_warn: fg(0xffd700).bg(rgb(0x303030)),
            gauge_over: fg(0xff5f5f).bg(rgb(0x303030)),
            border: fg(0x6c6c6c),
            focused_border: fg(0x5fafff).add_modifier(Modifier::BOLD),
            status: fg(0x1c1c1c).bg(rgb(0x87afd7)),
        }
    }

    /// Dark text on an off-white background.
    pub fn light() -> Theme {
        Theme {
            base: fg(0x1c1c1c).bg(rgb(0xfafafa)),
            text: fg(0x1c1c1c),
            dim: fg(0x5f5f5f),
            selected: fg(0x000000).bg(rgb(0xbcd4f0)).add_modifier(Modifier::BOLD),
            checked: fg(0x005f00),
            current: fg(0x875f00).add_modifier(Modifier::BOLD),
            gauge_ok: fg(0x008700).bg(rgb(0xe4e4e4)),
            gauge_warn: fg(0x8a6a00).bg(rgb(0xe4e4e4)),
            gauge_over: fg(0xd70000).bg(rgb(0xe4e4e4)),
            border: fg(0x8a8a8a),
            focused_border: fg(0x005fd7).add_modifier(Modifier::BOLD),
            status: fg(0xfafafa).bg(rgb(0x005f87)),
        }
    }

    /// White on black with saturated accents; text roles at 7:1 or more.
    pub fn high_contrast() -> Theme {
        Theme {
            base: fg(0xffffff).bg(rgb(0x000000)),
            text: fg(0xffffff),
            dim: fg(0xc0c0c0),
            selected: fg(0x000000).bg(rgb(0xffff00)).add_modifier(Modifier::BOLD),
            checked: fg(0x00ff00),
            current: fg(0x00ffff).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            gauge_ok: fg(0x00ff00).bg(rgb(0x000000)),
            gauge_warn: fg(0xffff00).bg(rgb(0x000000)),
            gauge_over: fg(0xff6060).bg(rgb(0x000000)),
            border: fg(0xffffff),
            focused_border: fg(0xffff00).add_modifier(Modifier::BOLD),
            status: fg(0x000000).bg(rgb(0xffffff)),
        }
    }

    /// No colours: the terminal's own foreground and background, roles told apart
    /// by modifiers only (for `NO_COLOR`).
    pub fn no_color() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            selected: plain.add_modifier(Modifier::REVERSED),
            checked: plain.add_modifier(Modifier::DIM),
            current: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            gauge_ok: plain,
            gauge_warn: plain.add_modifier(Modifier::BOLD),
            gauge_over: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: plain,
            focused_border: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::REVERSED),
        }
    }

    /// Every role with its name, for tests and `scribe config`.
    pub fn roles(&self) -> [(&'static str, Style); 12] {
        [
            ("base", self.base),
            ("text", self.text),
            ("dim", self.dim),
            ("selected", self.selected),
            ("checked", self.checked),
            ("current", self.current),
            ("gauge_ok", self.gauge_ok),
            ("gauge_warn", self.gauge_warn),
            ("gauge_over", self.gauge_over),
            ("border", self.border),
            ("focused_border", self.focused_border),
            ("status", self.status),
        ]
    }
}

/// Whether the value of `NO_COLOR` asks for no colours: set and not empty
/// (<https://no-color.org>).
pub fn no_color_requested(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.1 relative luminance of an sRGB colour.
    fn luminance(color: Color) -> f64 {
        let Color::Rgb(r, g, b) = color else {
            panic!("themes use RGB colours, got {color:?}");
        };
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2.1 contrast ratio, 1 to 21.
    fn contrast(a: Color, b: Color) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Text roles must be readable (WCAG 1.4.3: 4.5:1, AAA 1.4.6: 7:1 for high
    /// contrast); borders and gauge bars are graphics (WCAG 1.4.11: 3:1; 4.5:1
    /// in the high-contrast theme).
    #[test]
    fn every_role_meets_wcag_contrast_on_its_background() {
        for name in ThemeName::ALL {
            let theme = Theme::named(name);
            let page = theme.base.bg.expect("the base sets the background");
            let high = name == ThemeName::HighContrast;
            for (role, style) in theme.roles() {
                let foreground = style.fg.expect("every role sets a foreground");
                let background = style.bg.unwrap_or(page);
                let graphics = role.starts_with("gauge") || role.ends_with("border");
                let needed = match (graphics, high) {
                    (true, false) => 3.0,
                    (true, true) => 4.5,
                    (false, false) => 4.5,
                    (false, true) => 7.0,
                };
                let ratio = contrast(foreground, background);
                assert!(
                    ratio >= needed,
                    "{} {role}: contrast {ratio:.2} < {needed}",
                    name.as_str()
                );
                // The gauge colours also colour text on the page ("late", "over
                // time"), so there they must be readable as text.
                if role.starts_with("gauge") {
                    let text_needed = if high { 7.0 } else { 4.5 };
                    let on_page = contrast(foreground, page);
                    assert!(
                        on_page >= text_needed,
                        "{} {role} as text: contrast {on_page:.2} < {text_needed}",
                        name.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn roles_that_must_be_told_apart_differ_in_every_theme() {
        for theme in ThemeName::ALL
            .into_iter()
            .map(Theme::named)
            .chain([Theme::no_color()])
        {
            assert_ne!(theme.selected, theme.text);
            assert_ne!(theme.current, theme.text);
            assert_ne!(theme.checked, theme.text);
            assert_ne!(theme.gauge_ok, theme.gauge_warn);
            assert_ne!(theme.gauge_warn, theme.gauge_over);
            assert_ne!(theme.gauge_ok, theme.gauge_over);
            assert_ne!(theme.border, theme.focused_border);
            assert_ne!(theme.status, theme.text);
        }
    }

    #[test]
    fn no_color_has_no_colours_and_follows_the_variable() {
        let theme = Theme::no_color();
        for (role, style) in theme.roles() {
            assert_eq!(style.fg, None, "{role}");
            assert_eq!(style.bg, None, "{role}");
            assert_eq!(style.underline_color, None, "{role}");
        }
        assert!(!no_color_requested(None));
        assert!(!no_color_requested(Some(OsStr::new(""))));
        assert!(no_color_requested(Some(OsStr::new("1"))));
        assert_eq!(Theme::choose(ThemeName::Light, true), Theme::no_color());
        assert_eq!(Theme::choose(ThemeName::Light, false), Theme::light());
    }

    #[test]
    fn names_read_as_written_in_the_config() {
        for name in ThemeName::ALL {
            let yaml = yaml_serde::to_string(&name).unwrap();
            assert_eq!(yaml.trim(), name.as_str());
            let back: ThemeName = yaml_serde::from_str(name.as_str()).unwrap();
            assert_eq!(back, name);
        }
    }
}
