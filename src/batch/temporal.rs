//! DA, TM and DT strings (PS3.5 6.2) as Arrow's date32 (days), time64 (µs) and timestamp (µs).
//! A value that is not valid gives `None` (a null in the index), never an error.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// `YYYYMMDD` (or the old `YYYY.MM.DD`) → days since the epoch.
pub fn date(s: &str) -> Option<i32> {
    let s = crate::value::trim(s);
    let compact: String;
    let s = if s.len() == 10 && s.as_bytes()[4] == b'.' && s.as_bytes()[7] == b'.' {
        compact = s.replace('.', "");
        &compact
    } else {
        s
    };
    if s.len() != 8 {
        return None;
    }
    let (y, m, d) = (digits(&s[..4])?, digits(&s[4..6])?, digits(&s[6..])?);
    let y = i64::from(y);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    i32::try_from(days_from_civil(y, m, d)).ok()
}

/// `HH[MM[SS[.F{1,6}]]]` → microseconds since midnight. The ACR-NEMA form `HH:MM:SS` is not
/// a TM value (pydicom does not convert it either).
pub fn time(s: &str) -> Option<i64> {
    let s = crate::value::trim(s);
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if !matches!(whole.len(), 2 | 4 | 6) || (frac.is_some() && whole.len() != 6) {
        return None;
    }
    let h = digits(&whole[..2])?;
    let m = if whole.len() >= 4 {
        digits(&whole[2..4])?
    } else {
        0
    };
    let sec = if whole.len() == 6 {
        digits(&whole[4..6])?
    } else {
        0
    };
    // 60 is a leap second, which DICOM allows.
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let micros = match frac {
        None => 0,
        Some("") => 0,
        Some(f) if f.len() <= 6 => i64::from(digits(f)?) * 10_i64.pow(6 - f.len() as u32),
        Some(_) => return None,
    };
    Some((i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(sec)) * 1_000_000 + micros)
}

/// `YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]` → microseconds since the epoch, as written (the UTC
/// offset, when present, is applied: the result is UTC).
pub fn datetime(s: &str) -> Option<i64> {
    let s = crate::value::trim(s);
    let (body, offset) = match s.find(['+', '-']) {
        Some(i) if i >= 4 => (&s[..i], Some(&s[i..])),
        _ => (s, None),
    };
    let (date_part, time_part) = body.split_at(body.len().min(8));
    let (y, m, d) = match date_part.len() {
        4 => (digits(date_part)?, 1, 1),
        6 => (digits(&date_part[..4])?, digits(&date_part[4..])?, 1),
        8 => (
            digits(&date_part[..4])?,
            digits(&date_part[4..6])?,
            digits(&date_part[6..])?,
        ),
        _ => return None,
    };
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(i64::from(y), m) {
        return None;
    }
    let micros_of_day = if time_part.is_empty() {
        0
    } else {
        time(time_part)?
    };
    let mut t = days_from_civil(i64::from(y), m, d) * 86_400_000_000 + micros_of_day;
    if let Some(off) = offset {
        if off.len() != 5 {
            return None;
        }
        let (oh, om) = (digits(&off[1..3])?, digits(&off[3..])?);
        let shift = (i64::from(oh) * 60 + i64::from(om)) * 60_000_000;
        t = if off.starts_with('+') {
            t - shift
        } else {
            t + shift
        };
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("19700101"), Some(0));
        assert_eq!(date("20000301"), Some(11_017));
        assert_eq!(date("1969.12.31"), Some(-1));
        assert_eq!(date("20240229"), Some(19_782));
        for bad in [
            "20230229",
            "2024013",
            "2024-01-01",
            "",
            "20241301",
            "abcdefgh",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(time("00"), Some(0));
        assert_eq!(time("0102"), Some(3_720_000_000));
        assert_eq!(time("010203.5"), Some(3_723_500_000));
        assert_eq!(time("235960.999999"), Some(86_400_999_999));
        for bad in [
            "1",
            "24",
            "0160",
            "010203.1234567",
            "01.5",
            "ab",
            "01:02:03",
        ] {
            assert_eq!(time(bad), None, "{bad}");
        }
    }

    #[test]
    fn datetimes() {
        assert_eq!(datetime("1970"), Some(0));
        assert_eq!(datetime("19700102"), Some(86_400_000_000));
        assert_eq!(datetime("19700101010203.5"), Some(3_723_500_000));
        assert_eq!(datetime("19700101010000+0100"), Some(0));
        assert_eq!(datetime("19700101000000-0030"), Some(1_800_000_000));
        for bad in ["197", "19701301", "19700101+01", "x"] {
            assert_eq!(datetime(bad), None, "{bad}");
        }
    }
}
