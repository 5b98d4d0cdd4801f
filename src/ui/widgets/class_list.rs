//! A class attribute: fixed classes, then each optional one whose condition holds. A plain string
//! rather than yew's `classes!`, whose ordered set costs the page's wasm more than a kilobyte of gzip.

/// `fixed`, then every class of `optional` that is switched on: `class_list("bar", &[(late, "late")])`.
pub fn class_list(fixed: &str, optional: &[(bool, &str)]) -> String {
    let mut list = fixed.to_owned();
    for &(on, class) in optional {
        if on {
            list.push(' ');
            list.push_str(class);
        }
    }
    list
}
