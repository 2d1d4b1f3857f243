//! Timestamps as epoch milliseconds: the wire formats AWS uses, written and read without a clock.
//!
//! Nothing here reads the time: wasm32-unknown-unknown has no clock (`SystemTime::now()` panics),
//! so callers pass the instant in.

use crate::text::cat::Put;
use crate::text::digits::push_int;

const MS_PER_DAY: i64 = 86_400_000;
const DAY_NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
#[cfg_attr(size_build, optimize(size))]
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (H. Hinnant's `civil_from_days`).
#[cfg_attr(size_build, optimize(size))]
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A broken-down UTC instant.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
    weekday: usize,
}

#[cfg_attr(size_build, optimize(size))]
fn civil(ms: i64) -> Civil {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: in_day / 3_600_000,
        minute: in_day / 60_000 % 60,
        second: in_day / 1000 % 60,
        millis: in_day % 1000,
        weekday: days.rem_euclid(7) as usize,
    }
}

/// `2015-01-25T08:00:00Z`, with `.123` milliseconds only when there are some.
#[cfg_attr(size_build, optimize(size))]
pub fn format_date_time(ms: i64) -> String {
    let c = civil(ms);
    let mut s = String::with_capacity(24);
    push_int(&mut s, c.year, 4);
    for (sep, n) in [('-', c.month.into()), ('-', c.day.into()), ('T', c.hour)] {
        s.push(sep);
        push_int(&mut s, n, 2);
    }
    for n in [c.minute, c.second] {
        s.push(':');
        push_int(&mut s, n, 2);
    }
    if c.millis != 0 {
        s.push('.');
        push_int(&mut s, c.millis, 3);
    }
    s.push('Z');
    s
}

/// SigV4's `X-Amz-Date`: `20150830T123600Z`.
#[cfg_attr(size_build, optimize(size))]
pub fn format_amz_date(ms: i64) -> String {
    let c = civil(ms);
    let mut s = String::with_capacity(16);
    push_int(&mut s, c.year, 4);
    push_int(&mut s, c.month.into(), 2);
    push_int(&mut s, c.day.into(), 2);
    s.push('T');
    for n in [c.hour, c.minute, c.second] {
        push_int(&mut s, n, 2);
    }
    s.push('Z');
    s
}

/// RFC 7231 IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT`.
#[cfg_attr(size_build, optimize(size))]
pub fn format_http_date(ms: i64) -> String {
    let c = civil(ms);
    let mut s = String::with_capacity(29);
    s.put(DAY_NAMES[c.weekday % 7]);
    s.put(", ");
    push_int(&mut s, c.day.into(), 2);
    s.push(' ');
    s.put(MONTH_NAMES[(c.month as usize + 11) % 12]);
    s.push(' ');
    push_int(&mut s, c.year, 4);
    for (i, n) in [c.hour, c.minute, c.second].into_iter().enumerate() {
        s.push(if i == 0 { ' ' } else { ':' });
        push_int(&mut s, n, 2);
    }
    s.put(" GMT");
    s
}

/// `1422172800`, or `1422172800.123` when there are milliseconds.
#[cfg_attr(size_build, optimize(size))]
pub fn format_epoch_seconds(ms: i64) -> String {
    let mut s = String::with_capacity(16);
    push_int(&mut s, ms.div_euclid(1000), 0);
    let frac = ms.rem_euclid(1000);
    if frac != 0 {
        s.push('.');
        push_int(&mut s, frac, 3);
        s.truncate(s.trim_end_matches('0').len());
    }
    s
}

/// Reads the wire forms a timestamp comes in: ISO 8601 with offset, an HTTP date, and on the host
/// epoch seconds.
///
/// Responses are read by content, not by the modelled format: a service that answers in another
/// format than the model says is still understood.
///
/// The wasm reads no epoch seconds text (issue 28: -0.3 KB brotli on every page): AWS's XML answers
/// carry ISO 8601 for every timestamp a shipped table has (a table naming another format is refused
/// at load: `Model::timestamp_format`), awsJson's epoch seconds are read by the JS face
/// (`js/client/revive.js`), and an input's timestamps are `Date`s, ISO 8601 once `JSON.stringify`
/// has them. The host keeps it for the protocol suites, whose tables name the format.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim_ascii();
    // Byte scans: `str::contains(char)` links core's char searcher.
    let has = |c: u8| t.bytes().any(|b| b == c);
    if has(b',') {
        return parse_http_date(t);
    }
    #[cfg(not(target_arch = "wasm32"))]
    if !has(b'-') || t.len() <= 10 {
        return parse_epoch_seconds(t);
    }
    parse_date_time(t)
}

/// Reads the front of `s` against `template`, the numbers it holds into `numbers`: each run of `9`
/// is a number of exactly that many ASCII digits, `|` ends a number where two meet, `?` is any
/// byte, and any other byte must be there (ASCII case aside: `t`, `z`). The rest of `s`, or `None`.
/// One reader for the three forms, not three (issue 28).
#[cfg_attr(size_build, optimize(size))]
fn read_fixed<'a>(s: &'a str, template: &str, numbers: &mut [i64]) -> Option<&'a str> {
    let b = s.as_bytes();
    let (mut at, mut k, mut in_number) = (0, 0, false);
    for &want in template.as_bytes() {
        if want == b'|' {
            (k, in_number) = (k + 1, false);
            continue;
        }
        if want != b'9' && in_number {
            (k, in_number) = (k + 1, false);
        }
        let got = *b.get(at)?;
        if want == b'9' {
            let d = got.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            let n = numbers.get_mut(k)?;
            *n = *n * 10 + i64::from(d);
            in_number = true;
        } else if want != b'?' && got.to_ascii_uppercase() != want {
            return None;
        }
        at += 1;
    }
    s.get(at..)
}

#[cfg_attr(size_build, optimize(size))]
fn checked_instant(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let days_in_month = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    // 60 admits a leap second; it is read as the next second, as JS and botocore do.
    if !(1..=days_in_month).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000)
}

/// `2019-12-16T22:48:18-01:00`, `2000-01-02T20:34:56.123Z`, lowercase `t`/`z` allowed.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_date_time(t: &str) -> Option<i64> {
    let mut n = [0; 6];
    let mut r = read_fixed(t, "9999-99-99T99:99:99", &mut n)?;
    let mut millis = 0;
    if let Some(frac) = r.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // Keep milliseconds; finer digits are cut (a JS Date holds no more).
        for (i, b) in frac.bytes().take(3).enumerate().take(digits) {
            millis += i64::from(b - b'0') * [100, 10, 1][i];
        }
        r = &frac[digits..];
    }
    let offset_minutes = match r {
        "Z" | "z" => 0,
        _ => {
            let sign = match r.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let mut o = [0; 2];
            if !read_fixed(&r[1..], "99:99", &mut o)?.is_empty() || o[0] > 23 || o[1] > 59 {
                return None;
            }
            sign * (o[0] * 60 + o[1])
        }
    };
    Some(checked_instant(n[0], n[1], n[2], n[3], n[4], n[5])? + millis - offset_minutes * 60_000)
}

/// `Tue, 29 Apr 2014 18:30:38 GMT`.
#[cfg_attr(size_build, optimize(size))]
pub fn parse_http_date(t: &str) -> Option<i64> {
    // Day, year, hour, minute, second; the month's name at bytes 8..11.
    let mut n = [0; 5];
    if !read_fixed(t, "???, 99 ??? 9999 99:99:99 GMT", &mut n)?.is_empty() {
        return None;
    }
    let name = t.get(8..11)?;
    let month = MONTH_NAMES.iter().position(|m| *m == name)? as i64 + 1;
    checked_instant(n[1], month, n[0], n[2], n[3], n[4])
}

/// `20150830T123600Z`, SigV4's `X-Amz-Date` form (what AWS quotes in signature errors).
#[cfg_attr(size_build, optimize(size))]
pub fn parse_amz_date(t: &str) -> Option<i64> {
    let mut n = [0; 6];
    if !read_fixed(t, "9999|99|99T99|99|99Z", &mut n)?.is_empty() {
        return None;
    }
    checked_instant(n[0], n[1], n[2], n[3], n[4], n[5])
}

/// `1422172800` or `1422172800.123` (or negative, or with an exponent). Host only (see
/// [`parse_timestamp`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_epoch_seconds(t: &str) -> Option<i64> {
    // The common forms exactly, in whole milliseconds; an exponent through the approximation.
    if let Some((whole, fraction)) = crate::text::find::split_once(t, ".").or(Some((t, "")))
        && let Some(secs) = crate::text::digits::parse_int(whole)
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !whole.starts_with('+')
        && secs.unsigned_abs() <= 8_640_000_000_000
    {
        let mut millis = 0;
        for (i, b) in fraction.bytes().take(4).enumerate() {
            millis += i64::from(b - b'0') * [1000, 100, 10, 1][i];
        }
        // Four digits kept, the fourth rounds (half away from zero), as `round()` did.
        let millis = (millis + 5) / 10;
        let negative = whole.starts_with('-');
        return Some(secs * 1000 + if negative { -millis } else { millis });
    }
    let secs = crate::text::decimal::approx(t)?;
    // Beyond year 275760 a JS Date cannot hold it either.
    if !secs.is_finite() || secs.abs() > 8.64e12 {
        return None;
    }
    Some((secs * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_each_wire_form() {
        assert_eq!(format_date_time(1_422_172_800_000), "2015-01-25T08:00:00Z");
        assert_eq!(
            format_date_time(946_845_296_123),
            "2000-01-02T20:34:56.123Z"
        );
        assert_eq!(format_amz_date(1_440_938_160_000), "20150830T123600Z");
        assert_eq!(parse_amz_date("20150830T123600Z"), Some(1_440_938_160_000));
        assert_eq!(parse_amz_date("20150830T123600"), None);
        assert_eq!(parse_amz_date("20150832T123600Z"), None);
        assert_eq!(
            format_http_date(1_398_796_238_000),
            "Tue, 29 Apr 2014 18:30:38 GMT"
        );
        assert_eq!(format_epoch_seconds(1_422_172_800_000), "1422172800");
        assert_eq!(format_epoch_seconds(1_422_172_800_120), "1422172800.12");
        assert_eq!(format_date_time(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn parses_each_wire_form() {
        assert_eq!(
            parse_timestamp("2014-04-29T18:30:38Z"),
            Some(1_398_796_238_000)
        );
        assert_eq!(
            parse_timestamp("2019-12-16T22:48:18-01:00"),
            Some(1_576_540_098_000)
        );
        assert_eq!(
            parse_timestamp("2019-12-17T00:48:18+01:00"),
            Some(1_576_540_098_000)
        );
        assert_eq!(
            parse_timestamp("2000-01-02T20:34:56.123456Z"),
            Some(946_845_296_123)
        );
        assert_eq!(
            parse_timestamp("Tue, 29 Apr 2014 18:30:38 GMT"),
            Some(1_398_796_238_000)
        );
        assert_eq!(
            parse_timestamp("2014-04-29t18:30:38z"),
            Some(1_398_796_238_000)
        );
        // Each number has exactly its digits; the month's name is one of the twelve.
        for bad in [
            "2014-4-29T18:30:38Z",
            "2014-04-29T18:30:38+0100",
            "Tue, 29 apr 2014 18:30:38 GMT",
            "Tue, 9 Apr 2014 18:30:38 GMT",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(parse_http_date("Tue, 29 Apr 2014 18:30:38 GMT "), None);
        assert_eq!(parse_amz_date("20150830t123600z"), Some(1_440_938_160_000));
    }

    /// Epoch seconds text: the host reads it (the wasm does not: see `parse_timestamp`).
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn reads_epoch_seconds_on_the_host() {
        for (text, ms) in [
            ("1422172800", Some(1_422_172_800_000)),
            ("1422172800.12", Some(1_422_172_800_120)),
            ("1422172800.1235", Some(1_422_172_800_124)),
            ("-1.5", Some(-1500)),
            ("1.5e3", Some(1_500_000)),
            ("1e13", None),
            ("+5", None),
            ("1.", Some(1000)),
            ("x", None),
        ] {
            assert_eq!(parse_epoch_seconds(text), ms, "{text}");
        }
        assert_eq!(parse_timestamp("1398796238"), Some(1_398_796_238_000));
        assert_eq!(parse_timestamp("1398796238.5"), Some(1_398_796_238_500));
        assert_eq!(parse_timestamp("-1.5"), Some(-1500));
    }

    #[test]
    fn rejects_impossible_dates_without_panicking() {
        for bad in [
            "2014-02-30T00:00:00Z",
            "2014-13-01T00:00:00Z",
            "2014-04-29T24:00:00Z",
            "2014-04-29T18:30:38",
            "2014-04-29T18:30:38.Z",
            "2014-04-29T18:30:38+1:00",
            "Tue, 29 Xyz 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38 CET",
            "1e300",
            "NaN",
            "",
            "ሴሴሴሴ-ሴ-ሴT",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trips_across_eras() {
        for ms in [0, 951_782_400_000, -62_135_596_800_000, 253_402_300_799_999] {
            assert_eq!(parse_date_time(&format_date_time(ms)), Some(ms));
        }
    }
}
