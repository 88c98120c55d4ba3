package strictyaml

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	durationPattern = regexp.MustCompile(`^(-?)(?:(?:([0-9]+)m)?(?:([0-9]+)s)?|([0-9]+))$`) // [4]: a bare number
	otherUnit       = regexp.MustCompile(`[0-9.](?:h|ms|us|µs|μs|ns)`)
)

// farAway stands for any number too big to be meant: it is out of every
// range a caller checks, and adding minutes and seconds cannot overflow it.
const farAway = 1_000_000 * time.Hour

// ParseDuration reads the one duration grammar: "30s", "3m", "1m30s", or a
// bare number, which is seconds. Only whole seconds and minutes; hours and
// fractions are refused, since a cool-down never needs them. A sign is kept
// (and a huge number stays huge) so the caller's range check can say what
// the limits are instead of "bad duration".
func ParseDuration(raw string) (time.Duration, error) {
	s := strings.TrimSpace(raw)
	q := Shorten(s)
	if s == "" {
		return 0, errors.New("duration is empty; write a number of seconds such as 5 or 5s, or minutes such as 2m")
	}
	if m := durationPattern.FindStringSubmatch(s); m != nil && (m[2] != "" || m[3] != "" || m[4] != "") {
		d := count(m[2], time.Minute) + count(m[3], time.Second) + count(m[4], time.Second)
		if m[1] == "-" {
			d = -d
		}
		return d, nil
	}
	// Say what is wrong when Go can read it, else give the format.
	if d, err := time.ParseDuration(s); err == nil && !otherUnit.MatchString(s) && d%time.Second != 0 {
		return 0, fmt.Errorf("duration %q must be whole seconds", q)
	}
	return 0, badDuration(q)
}

func badDuration(q string) error {
	return fmt.Errorf("bad duration %q: write seconds or minutes, such as 5s, 10 or 1m (a bare number is seconds)", q)
}

// count is digits times unit, or farAway when that is out of reach.
func count(digits string, unit time.Duration) time.Duration {
	if digits == "" {
		return 0
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || time.Duration(n) > farAway/unit {
		return farAway
	}
	return time.Duration(n) * unit
}

// Seconds writes a whole-second duration as the grammar reads it: "5s".
func Seconds(d time.Duration) string {
	return strconv.FormatInt(int64(d/time.Second), 10) + "s"
}
