//! What ends the interface from outside, gracefully: the minutes and an unsaved form are
//! saved first. On Unix that is SIGTERM (a shutdown) and SIGHUP (the terminal window
//! closed); on Windows, SIGTERM and the console's close, logoff and shutdown events,
//! which give the program a few seconds before Windows ends it.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Registers the handlers; the flag is set when the interface should save and end.
pub fn install() -> io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop))?;
    #[cfg(unix)]
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&stop))?;
    #[cfg(windows)]
    console::install(Arc::clone(&stop));
    Ok(stop)
}

/// Says that everything is saved and the program may end: a Windows console close waits
/// for this (up to its deadline) before letting Windows end the process.
pub fn saved() {
    #[cfg(windows)]
    console::SAVED.store(true, std::sync::atomic::Ordering::SeqCst);
}

#[cfg(windows)]
mod console {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::{Duration, Instant};

    use windows_sys::Win32::System::Console::{
        CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT, SetConsoleCtrlHandler,
    };

    static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    pub static SAVED: AtomicBool = AtomicBool::new(false);

    /// Runs on a thread of its own when the console is closed, the user logs off or
    /// Windows shuts down. Windows ends the process when this returns (and after about
    /// five seconds in any case), so it waits for the loop to save.
    extern "system" fn handler(kind: u32) -> i32 {
        match kind {
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => {
                if let Some(stop) = STOP.get() {
                    stop.store(true, Ordering::SeqCst);
                }
                let deadline = Instant::now() + Duration::from_secs(4);
                while !SAVED.load(Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(20));
                }
                1
            }
            // Ctrl-C and Ctrl-Break reach the interface as keys (raw mode).
            _ => 0,
        }
    }

    pub fn install(stop: Arc<AtomicBool>) {
        let _ = STOP.set(stop);
        // SAFETY: `handler` is a plain function that lives as long as the program and
        // touches only statics; registering it is Windows' documented way to hear of a
        // console closing.
        #[allow(unsafe_code)]
        unsafe {
            SetConsoleCtrlHandler(Some(handler), 1);
        }
    }
}
