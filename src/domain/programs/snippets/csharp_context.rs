//! A C# caller on a UI thread: the single-threaded `SynchronizationContext` the program installs, and
//! `.ConfigureAwait(false)` written after every awaited expression of the awaited code.

/// A UI thread with its single-threaded `SynchronizationContext`, as WinForms and WPF have one.
pub(crate) const UI_THREAD: &str = r#"
{{FOLD helpers}}
// A UI thread: one thread runs every callback posted to its SynchronizationContext, in order,
// as in WinForms or WPF.
sealed class UiThread : SynchronizationContext
{
    readonly System.Collections.Concurrent.BlockingCollection<Action> posted =
        new System.Collections.Concurrent.BlockingCollection<Action>();

    public override void Post(SendOrPostCallback callback, object state) => posted.Add(() => callback(state));

    // Runs handler on a new UI thread and returns once it has; the thread goes on running what is
    // posted to it. A handler still blocked at watchdogMs never returns: the watchdog says so and
    // ends the program.
    public static void Run(int watchdogMs, Action handler)
    {
        var ui = new UiThread();
        var handled = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(ui);
            foreach (var callback in ui.posted.GetConsumingEnumerable()) callback();
        }) { IsBackground = true };
        thread.Start();
        ui.Post(_ => { handler(); handled.Set(); }, null);
        if (!handled.Wait(Math.Max(0, watchdogMs - (int)Clock.ElapsedMilliseconds)))
        {
            Log("resume never");
            Console.WriteLine($"total {Clock.ElapsedMilliseconds} ms");
            Environment.Exit(0);
        }
    }
}
{{END}}
"#;

/// `program` with `.ConfigureAwait(false)` after every awaited expression outside comments, so no
/// continuation goes back to the caller's context.
pub(crate) fn with_configure_await_false(program: &str) -> String {
    program
        .lines()
        .map(|line| {
            let (code, comment) = line.split_at(line.find("//").unwrap_or(line.len()));
            format!("{}{comment}", configured_awaits(code))
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if program.ends_with('\n') { "\n" } else { "" }
}

/// `code` (one line, no comment) with `.ConfigureAwait(false)` after each `await`'s expression: a
/// chain of names, member accesses and bracketed arguments.
fn configured_awaits(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 24);
    let mut rest = code;
    while let Some(at) = rest.find("await ") {
        let starts_a_word = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = at + "await ".len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        if !starts_a_word {
            continue;
        }
        let end = awaited_expression_length(rest);
        out.push_str(&rest[..end]);
        out.push_str(".ConfigureAwait(false)");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// How long the expression that opens `text` is: names, dots, and balanced brackets.
fn awaited_expression_length(text: &str) -> usize {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' => {}
            _ => return index,
        }
    }
    text.len()
}
