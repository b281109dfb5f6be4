//! Test support: a fresh temporary folder per test and a runner for the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A unique folder under the system temp dir, removed on drop.
pub struct TestDir {
    pub path: PathBuf,
}

impl TestDir {
    pub fn new(name: &str) -> TestDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "afterlog-it-{}-{}-{}",
            std::process::id(),
            name,
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create test dir");
        TestDir { path }
    }

    /// Writes `bytes` to `name` in the folder and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus/<sub>` when present; `None` (and a message) when not.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/corpus").join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: corpus folder {} not present", p.display());
        None
    }
}

/// Runs the built `afterlog` with `args`.
pub fn afterlog<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_afterlog"))
        .args(args)
        .output()
        .expect("run afterlog")
}

/// Runs `afterlog` and returns stdout, failing the test (with stderr) unless the exit code is `code`.
pub fn stdout_of<I, S>(args: I, code: i32) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = afterlog(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// `afterlog timeline ARGS` parsed, checked against the contract's schema.
pub fn timeline<I, S>(args: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut all: Vec<std::ffi::OsString> = vec!["timeline".into()];
    all.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
    let text = stdout_of(all, 0);
    let doc: Value = serde_json::from_str(&text).expect("timeline is JSON");
    assert_valid(&doc, afterlog::output::TIMELINE_SCHEMA);
    doc
}

/// `afterlog events ARGS`, each line parsed and checked against the event schema.
pub fn events<I, S>(args: I) -> Vec<Value>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut all: Vec<std::ffi::OsString> = vec!["events".into()];
    all.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
    let text = stdout_of(all, 0);
    text.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("event line is JSON");
            assert_valid(&v, afterlog::output::EVENT_SCHEMA);
            v
        })
        .collect()
}

/// Fails with every schema violation listed.
pub fn assert_valid(doc: &Value, schema: &str) {
    let schema: Value = serde_json::from_str(schema).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

/// The bytes `length` at `offset` of `path`: what an evidence entry cites.
pub fn cited(path: &Path, offset: u64, length: u64) -> Vec<u8> {
    let data = std::fs::read(path).expect("read cited file");
    data[offset as usize..(offset + length) as usize].to_vec()
}

/// Checks the contract's accounting invariant on every input of a timeline.
pub fn assert_reconciled(doc: &Value) {
    for input in doc["inputs"].as_array().expect("inputs") {
        let n = |k: &str| {
            input[k]
                .as_u64()
                .unwrap_or_else(|| panic!("{k} in {input}"))
        };
        assert_eq!(
            n("records"),
            n("events") + n("rejected") + n("skipped"),
            "records == events + rejected + skipped for {}",
            input["path"]
        );
        let sum = |k: &str| -> u64 {
            input[k]
                .as_object()
                .map(|o| o.values().map(|v| v.as_u64().unwrap()).sum())
                .unwrap_or(0)
        };
        assert_eq!(sum("reject_reasons"), n("rejected"));
        assert_eq!(sum("skip_reasons"), n("skipped"));
    }
}

/// The input of timeline `doc` whose path ends with `suffix` (`/` and `\` alike), with its
/// index.
pub fn input_ending<'a>(doc: &'a Value, suffix: &str) -> (usize, &'a Value) {
    doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, i)| {
            i["path"]
                .as_str()
                .unwrap()
                .replace('\\', "/")
                .ends_with(suffix)
        })
        .unwrap_or_else(|| panic!("no input {suffix}"))
}

/// Whether event `e` cites `line` (and `offset`, when given) of input `idx`.
pub fn cites_record(e: &Value, idx: usize, line: u64, offset: Option<u64>) -> bool {
    e["evidence"].as_array().unwrap().iter().any(|ev| {
        ev["input"] == idx as u64 && ev["line"] == line && offset.is_none_or(|o| ev["offset"] == o)
    })
}

/// The events of `inc`'s timeline citing `line` (and `offset`) of input `idx`.
pub fn timeline_citing(inc: &Value, idx: usize, line: u64, offset: Option<u64>) -> Vec<&Value> {
    inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| cites_record(e, idx, line, offset))
        .collect()
}
