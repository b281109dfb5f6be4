use super::samples::check;
use super::*;

#[test]
fn every_builtin_profile_loads_and_its_samples_hold() {
    let set = ProfileSet::builtin();
    assert!(!set.profiles.is_empty());
    let problems: Vec<String> = set.profiles.iter().flat_map(|p| check(set, p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
