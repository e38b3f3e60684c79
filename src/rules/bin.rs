//! The control digit of a Kazakh BIN/IIN (reference.md).

const FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The control digit the first 11 digits call for; `None` when no number with this
/// prefix is ever issued (both weightings give 10) or the input is not 11 digits.
pub fn control_digit(first11: &[u8]) -> Option<u8> {
    if first11.len() != 11 || !first11.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum = |weights: &[u32; 11]| {
        first11
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum::<u32>()
            % 11
    };
    match sum(&FIRST) {
        10 => match sum(&SECOND) {
            10 => None,
            s => Some(s as u8),
        },
        s => Some(s as u8),
    }
}

/// Whether a 12-digit BIN/IIN has a valid control digit.
pub fn is_valid(bin: &str) -> bool {
    let b = bin.as_bytes();
    b.len() == 12
        && b.iter().all(u8::is_ascii_digit)
        && control_digit(&b[..11]) == Some(b[11] - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reference_examples() {
        assert!(is_valid("180340021830"));
        assert!(!is_valid("180340021836"));
        assert!(!is_valid("18034002183"));
        assert!(!is_valid("18034002183a"));
    }

    proptest! {
        #[test]
        fn completing_with_the_control_digit_is_valid(prefix in "[0-9]{11}") {
            match control_digit(prefix.as_bytes()) {
                Some(d) => {
                    let bin = format!("{prefix}{d}");
                    prop_assert!(is_valid(&bin));
                    // Any other last digit is invalid.
                    for other in (0..10u8).filter(|o| *o != d) {
                        let wrong = format!("{prefix}{other}");
                        prop_assert!(!is_valid(&wrong));
                    }
                }
                None => for last in 0..10u8 {
                    let bin = format!("{prefix}{last}");
                    prop_assert!(!is_valid(&bin));
                },
            }
        }

    }
}
