//! Property tests of the scenario URL codec: it never panics, and encoding then decoding is lossless.

use async_playground::domain::basics::named_choice::NamedChoice;
use async_playground::domain::link::url_codec::{decode, encode};
use async_playground::domain::model::comparison::Comparison;
use async_playground::domain::model::display::{DisplayOptions, Theme};
use async_playground::domain::model::language::Language;
use proptest::prelude::*;

fn display() -> impl Strategy<Value = DisplayOptions> {
    (
        proptest::sample::select(Language::ALL.to_vec()),
        any::<bool>(),
        any::<bool>(),
        proptest::sample::select(Theme::ALL.to_vec()),
        proptest::sample::select(Comparison::ALL.to_vec()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(language, autorun, embed, theme, compare, code, predict)| DisplayOptions {
                language,
                compare,
                code,
                predict,
                autorun,
                embed,
                theme,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decoding_any_string_never_panics(input in any::<String>()) {
        let decoded = decode(&input);
        prop_assert!(!decoded.scenario.tasks.is_empty());
    }

    #[test]
    fn decoding_grammar_shaped_noise_never_panics(
        input in "(tasks|mode|limit|seed|lang|embed|v)=[a-z0-9:,x%+&=.-]{0,40}(&[a-z]{1,6}=[a-zA-Z0-9:,x%-]{0,20}){0,4}"
    ) {
        let decoded = decode(&input);
        prop_assert!(decoded.scenario.validate().is_empty(), "decode must always hand back a valid scenario");
    }

    #[test]
    fn encode_then_decode_gives_the_same_scenario(
        scenario in crate::strategies::scenario(30, 600_000),
        display in display(),
    ) {
        prop_assert!(scenario.validate().is_empty(), "the strategy must only make valid scenarios");
        let query = encode(&scenario, &display);
        let decoded = decode(&query);
        prop_assert!(decoded.problems.is_empty(), "{query}: {:?}", decoded.problems);
        prop_assert_eq!(&decoded.scenario.tasks, &scenario.tasks, "{}", query);
        prop_assert_eq!(decoded.scenario.mode, scenario.mode);
        prop_assert_eq!(decoded.scenario.seed, scenario.seed);
        prop_assert_eq!(decoded.scenario.deadline_ms(), scenario.deadline_ms());
        if !scenario.mode.caller_waits() {
            prop_assert_eq!(decoded.scenario.program_exits, scenario.program_exits);
        }
        if scenario.mode == async_playground::domain::model::mode::Mode::Buffered {
            prop_assert_eq!(decoded.scenario.limit, scenario.limit);
        }
        prop_assert_eq!(&decoded.display, &display);
        prop_assert_eq!(encode(&decoded.scenario, &decoded.display), query, "a link reads back as itself");
    }

    #[test]
    fn a_full_url_decodes_like_its_query(scenario in crate::strategies::scenario(8, 1000)) {
        let query = encode(&scenario, &DisplayOptions::default());
        let from_url = decode(&format!("https://example.org/sub/path/?{query}#frag"));
        prop_assert_eq!(from_url, decode(&query));
    }
}
