//! A configuration problem, naming the key at fault.

/// A configuration problem, naming the key at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The settings file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The settings file is not valid TOML or has unknown or mistyped keys.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// The parser's message (it names the key and line).
        message: String,
    },
    /// A key has a value outside what is allowed.
    #[error("{path}: `{key}` {problem}")]
    Invalid {
        /// The file or "environment".
        path: String,
        /// The key, dotted (`tunnel.max_dates_shown`).
        key: String,
        /// What is wrong, and what is expected.
        problem: String,
    },
}

/// Builds [`ConfigError::Invalid`] for keys of one file (or of the environment).
#[derive(Clone, Copy)]
pub(super) struct Keys<'a> {
    pub path: &'a str,
}

impl Keys<'_> {
    /// The environment's variables.
    pub const ENV: Keys<'static> = Keys {
        path: "environment",
    };

    /// `key` is wrong: `problem` says how.
    pub fn invalid(self, key: &str, problem: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_string(),
            key: key.to_string(),
            problem: problem.into(),
        }
    }

    /// `Ok` when `ok`, otherwise `key` is wrong.
    pub fn check(self, ok: bool, key: &str, problem: &str) -> Result<(), ConfigError> {
        if ok {
            Ok(())
        } else {
            Err(self.invalid(key, problem))
        }
    }
}

/// True for an absolute `http://` or `https://` URL.
pub(super) fn is_http_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
}
