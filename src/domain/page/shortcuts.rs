//! The keyboard shortcuts, as one table: the keys, what the help list shows, and the command each
//! one gives. The key handler (`use_shortcuts`) and the help list (`ShortcutsHelp`) both read it.

use crate::domain::page::playhead::Towards;

/// What a shortcut asks the page to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Run,
    Compare,
    Reset,
    TogglePlay,
    Step(Towards),
    SeekStart,
    SeekEnd,
    ChangeSpeed(Towards),
    ToggleHelp,
    CloseHelp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    /// `KeyboardEvent.key` values that give the command.
    pub keys: &'static [&'static str],
    /// How the help list writes the keys.
    pub shown_as: &'static str,
    pub what: &'static str,
    pub command: Command,
}

const fn shortcut(
    keys: &'static [&'static str],
    shown_as: &'static str,
    what: &'static str,
    command: Command,
) -> Shortcut {
    Shortcut {
        keys,
        shown_as,
        what,
        command,
    }
}

#[rustfmt::skip]
pub const SHORTCUTS: [Shortcut; 12] = [
    shortcut(&["r", "R"], "R", "run the scenario for real", Command::Run),
    shortcut(&["c", "C"], "C", "compare with one after another", Command::Compare),
    shortcut(&["x", "X"], "X", "reset", Command::Reset),
    shortcut(&[" ", "k", "K"], "Space or K", "play or pause the replay", Command::TogglePlay),
    shortcut(&["ArrowLeft"], "←", "previous event", Command::Step(Towards::Back)),
    shortcut(&["ArrowRight"], "→", "next event", Command::Step(Towards::On)),
    shortcut(&["Home"], "Home", "start of the run", Command::SeekStart),
    shortcut(&["End"], "End", "end of the run", Command::SeekEnd),
    shortcut(&["["], "[", "slower replay", Command::ChangeSpeed(Towards::Back)),
    shortcut(&["]"], "]", "faster replay", Command::ChangeSpeed(Towards::On)),
    shortcut(&["?"], "?", "show or hide these shortcuts", Command::ToggleHelp),
    shortcut(&["Escape"], "Esc", "close this list", Command::CloseHelp),
];

/// The command `key` gives, if any.
pub fn command_for(key: &str) -> Option<Command> {
    SHORTCUTS
        .iter()
        .find(|shortcut| shortcut.keys.contains(&key))
        .map(|shortcut| shortcut.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_gives_one_command_and_each_command_is_listed_once() {
        for (i, a) in SHORTCUTS.iter().enumerate() {
            for b in &SHORTCUTS[i + 1..] {
                assert!(
                    a.keys.iter().all(|key| !b.keys.contains(key)),
                    "{a:?} {b:?}"
                );
                assert_ne!(a.command, b.command);
            }
        }
        assert_eq!(command_for("K"), Some(Command::TogglePlay));
        assert_eq!(command_for("q"), None);
    }
}
