//! Polite HTTP(S) fetching: conditional requests, one request at a time per
//! host with a delay between them, timeouts, retries with exponential
//! backoff, redirects followed by hand (so a loop is named as such and every
//! hop is checked against robots.txt), a 10 MB body limit.
//!
//! The client is `ureq` (blocking, rustls). A [`Fetcher`] is shared by the
//! watcher's threads: the per-host gate and the robots.txt cache live in it.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use url::Url;

use crate::robots::Robots;
use crate::{Reason, MAX_PAGE_BYTES};

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The `User-Agent` header; its first word is the robots.txt product token.
    pub user_agent: String,
    /// Limit for one whole request (connection, headers, body).
    pub timeout: Duration,
    /// Limit for connecting.
    pub connect_timeout: Duration,
    /// Attempts after the first for a transient failure (network error,
    /// 408, 429, 5xx).
    pub retries: u32,
    /// Wait before the first retry; doubled at each further one.
    pub backoff: Duration,
    /// Longest wait between retries (a `Retry-After` is capped to it too).
    pub max_backoff: Duration,
    /// Pause between two requests to the same host (robots.txt
    /// `Crawl-delay` lengthens it).
    pub host_delay: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// How long a robots.txt is trusted before it is fetched again.
    pub robots_ttl: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!("vigie/{} (news event extraction)", env!("CARGO_PKG_VERSION")),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(60),
            host_delay: Duration::from_secs(1),
            max_redirects: 10,
            robots_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// Validators of a previous response, for a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The final URL, after redirects.
    pub url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
}

/// What a conditional request gives.
#[derive(Debug, Clone)]
pub enum Fetched {
    Body(Response),
    /// 304: unchanged since the validators were given.
    NotModified,
}

/// One host's turn: who is fetching, and when the next request may start.
#[derive(Debug, Default)]
struct Turn {
    busy: bool,
    next: Option<Instant>,
}

/// The right to send one request to a host; the next request waits until it
/// is dropped plus the host's delay.
struct Permit<'a> {
    fetcher: &'a Fetcher,
    host: String,
    delay: Duration,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut turns = self.fetcher.turns.lock().unwrap_or_else(|p| p.into_inner());
        let turn = turns.entry(self.host.clone()).or_default();
        turn.busy = false;
        turn.next = Some(Instant::now() + self.delay);
        self.fetcher.turn_freed.notify_all();
    }
}

/// A polite HTTP client, shared by threads.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    turns: Mutex<HashMap<String, Turn>>,
    turn_freed: Condvar,
    /// Per origin: its robots.txt and when it was read. One lock per origin,
    /// so threads wanting the same robots.txt wait for one fetch of it.
    robots: Mutex<HashMap<String, RobotsSlot>>,
}

type RobotsSlot = Arc<Mutex<Option<(Result<Robots, Reason>, Instant)>>>;

/// How long an unreachable robots.txt keeps its site closed before it is
/// asked for again.
const ROBOTS_RETRY: Duration = Duration::from_secs(600);

/// The outcome of one request, before redirects are followed.
enum Hop {
    Redirect(String),
    Done(Fetched),
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(config.user_agent.as_str())
            .build()
            .into();
        Fetcher {
            agent,
            config,
            turns: Mutex::new(HashMap::new()),
            turn_freed: Condvar::new(),
            robots: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GETs `url`, following redirects, with the validators of a previous
    /// response if any. Every hop must be allowed by its site's robots.txt.
    pub fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, Reason> {
        let mut visited: Vec<String> = Vec::new();
        let mut current = url.to_string();
        loop {
            if let Some(i) = visited.iter().position(|v| *v == current) {
                let mut chain: Vec<&str> = visited[i..].iter().map(String::as_str).collect();
                chain.push(&current);
                return Err(Reason::RedirectLoop(chain.join(" -> ")));
            }
            if visited.len() > self.config.max_redirects {
                return Err(Reason::TooManyRedirects(self.config.max_redirects));
            }
            let parsed =
                Url::parse(&current).map_err(|e| Reason::Network(format!("bad URL '{current}': {e}")))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(Reason::Network(format!(
                    "unsupported URL scheme '{}'",
                    parsed.scheme()
                )));
            }
            let robots = self.robots_for(&parsed)?;
            let path = match parsed.query() {
                Some(q) => format!("{}?{q}", parsed.path()),
                None => parsed.path().to_string(),
            };
            if !robots.allowed(&path) {
                return Err(Reason::RobotsDisallowed);
            }
            let delay = robots
                .crawl_delay
                .map_or(self.config.host_delay, |d| d.max(self.config.host_delay));
            let hop = self.with_retries(|| self.request(&parsed, validators, delay, MAX_PAGE_BYTES))?;
            visited.push(current.clone());
            match hop {
                Hop::Done(f) => return Ok(f),
                Hop::Redirect(next) => current = next,
            }
        }
    }

    /// Runs `attempt` again after transient failures, waiting longer each time.
    fn with_retries<T>(
        &self,
        mut attempt: impl FnMut() -> Result<T, (Reason, Option<Duration>)>,
    ) -> Result<T, Reason> {
        let mut wait = self.config.backoff;
        let mut tries = 0;
        loop {
            match attempt() {
                Ok(v) => return Ok(v),
                Err((reason, retry_after)) => {
                    if !reason.transient() || tries >= self.config.retries {
                        return Err(reason);
                    }
                    tries += 1;
                    let pause = retry_after.unwrap_or(wait).min(self.config.max_backoff);
                    std::thread::sleep(pause);
                    wait = (wait * 2).min(self.config.max_backoff);
                }
            }
        }
    }

    /// Waits for the host's turn.
    fn permit(&self, host: &str, delay: Duration) -> Permit<'_> {
        let mut turns = self.turns.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let turn = turns.entry(host.to_string()).or_default();
            let now = Instant::now();
            match (turn.busy, turn.next) {
                (false, next) if next.is_none_or(|n| n <= now) => {
                    turn.busy = true;
                    break;
                }
                (false, Some(n)) => {
                    turns = self
                        .turn_freed
                        .wait_timeout(turns, n - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
                _ => turns = self.turn_freed.wait(turns).unwrap_or_else(|p| p.into_inner()),
            }
        }
        Permit {
            fetcher: self,
            host: host.to_string(),
            delay,
        }
    }

    /// One request, no redirect followed; a transient error comes with the
    /// server's `Retry-After`, if any.
    fn request(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        delay: Duration,
        limit: u64,
    ) -> Result<Hop, (Reason, Option<Duration>)> {
        let host = host_key(url);
        let _permit = self.permit(&host, delay);
        let mut req = self.agent.get(url.as_str());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let mut resp = req.call().map_err(|e| (network(&e), None))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        match status {
            200..=299 => {}
            304 => return Ok(Hop::Done(Fetched::NotModified)),
            301 | 302 | 303 | 307 | 308 => {
                let location = header("location").ok_or((Reason::HttpStatus(status), None))?;
                let next = url.join(&location).map_err(|e| {
                    (
                        Reason::Network(format!("bad redirect location '{location}': {e}")),
                        None,
                    )
                })?;
                return Ok(Hop::Redirect(next.into()));
            }
            _ => {
                let retry_after = header("retry-after")
                    .and_then(|s| s.parse::<u64>().ok())
                    .map(Duration::from_secs);
                return Err((Reason::HttpStatus(status), retry_after));
            }
        }
        if let Some(len) = header("content-length").and_then(|s| s.parse::<u64>().ok()) {
            if len > limit {
                return Err((Reason::TooLarge(Some(len)), None));
            }
        }
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let mut body = Vec::new();
        resp.body_mut()
            .as_reader()
            .take(limit + 1)
            .read_to_end(&mut body)
            .map_err(|e| (Reason::Network(format!("reading the body: {e}")), None))?;
        if body.len() as u64 > limit {
            return Err((Reason::TooLarge(None), None));
        }
        Ok(Hop::Done(Fetched::Body(Response {
            url: url.to_string(),
            status,
            content_type,
            validators,
            body,
        })))
    }

    /// The robots.txt rules of `url`'s site, fetched once per `robots_ttl`;
    /// an error when it could not be read (a server error or a network
    /// failure means "do not crawl for now", RFC 9309 §2.3.1.4).
    fn robots_for(&self, url: &Url) -> Result<Robots, Reason> {
        let origin = url.origin().ascii_serialization();
        let slot = Arc::clone(
            self.robots
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .entry(origin)
                .or_default(),
        );
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((r, at)) = &*slot {
            let ttl = if r.is_ok() {
                self.config.robots_ttl
            } else {
                ROBOTS_RETRY.min(self.config.robots_ttl)
            };
            if at.elapsed() < ttl {
                return r.clone();
            }
        }
        let robots = self.fetch_robots(url);
        *slot = Some((robots.clone(), Instant::now()));
        robots
    }

    fn fetch_robots(&self, url: &Url) -> Result<Robots, Reason> {
        let agent = self.config.user_agent.split(['/', ' ']).next().unwrap_or("vigie");
        let Ok(mut at) = url.join("/robots.txt") else {
            return Ok(Robots::allow_all());
        };
        let unavailable = |why: Reason| {
            Reason::Network(format!(
                "robots.txt unavailable ({why}): site not crawled for now"
            ))
        };
        // Redirects are followed (up to five, RFC 9309); no retries: an
        // unreachable robots.txt closes the site until it is asked again.
        for _ in 0..5 {
            match self.request(&at, None, self.config.host_delay, 512 * 1024) {
                Ok(Hop::Done(Fetched::Body(r))) => {
                    return Ok(Robots::parse(&String::from_utf8_lossy(&r.body), agent))
                }
                Ok(Hop::Done(Fetched::NotModified)) => return Ok(Robots::allow_all()),
                Ok(Hop::Redirect(next)) => match Url::parse(&next) {
                    Ok(u) => at = u,
                    Err(_) => return Ok(Robots::allow_all()),
                },
                // "Unavailable" (4xx): no rules, everything allowed.
                Err((Reason::HttpStatus(s), _)) if (400..500).contains(&s) => return Ok(Robots::allow_all()),
                Err((why, _)) => return Err(unavailable(why)),
            }
        }
        Ok(Robots::allow_all())
    }
}

/// `host:port`: the unit of politeness.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn network(e: &ureq::Error) -> Reason {
    match e {
        ureq::Error::BodyExceedsLimit(_) => Reason::TooLarge(None),
        ureq::Error::Timeout(t) => Reason::Network(format!("timed out ({t})")),
        ureq::Error::HostNotFound => Reason::Network("host not found".to_string()),
        ureq::Error::ConnectionFailed => Reason::Network("connection failed".to_string()),
        other => Reason::Network(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_request_at_a_time_per_host_with_a_delay() {
        let f = Arc::new(Fetcher::new(FetchConfig::default()));
        let delay = Duration::from_millis(60);
        let started = Instant::now();
        let log = Arc::new(Mutex::new(Vec::new()));
        std::thread::scope(|s| {
            for i in 0..3 {
                let f = Arc::clone(&f);
                let log = Arc::clone(&log);
                s.spawn(move || {
                    let _p = f.permit("a.example:443", delay);
                    log.lock().unwrap().push((i, started.elapsed()));
                    std::thread::sleep(Duration::from_millis(20));
                });
            }
            // Another host is not held back.
            let f2 = Arc::clone(&f);
            s.spawn(move || {
                std::thread::sleep(Duration::from_millis(5));
                let _p = f2.permit("b.example:443", delay);
                assert!(started.elapsed() < Duration::from_millis(60));
            });
        });
        let mut times: Vec<Duration> = log.lock().unwrap().iter().map(|(_, t)| *t).collect();
        times.sort();
        for w in times.windows(2) {
            // 20 ms of work plus the 60 ms delay between two starts.
            assert!(w[1] - w[0] >= Duration::from_millis(75), "{times:?}");
        }
    }

    #[test]
    fn host_keys() {
        let k = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(k("https://a.example/x"), "a.example:443");
        assert_eq!(k("http://a.example/x"), "a.example:80");
        assert_eq!(k("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}
