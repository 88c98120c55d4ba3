package routines

import (
	"strconv"
	"time"
)

// Plural counts a noun: "1 day", "3 days". One function for every count the
// app prints or speaks, so none says "1 sessions".
func Plural(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Noun(n, one, many)
}

// Noun is one or many as n asks: for counts written as words ("two
// minutes").
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// minutesSeconds writes whole seconds of d as minutes and seconds with the
// units given: "1m30s" for files ("m", "s"), "1 min 30 s" for
// people; either part is left out when it is zero.
func minutesSeconds(d time.Duration, minUnit, secUnit, sep string) string {
	secs := int64(d / time.Second)
	m, s := secs/60, secs%60
	switch {
	case m == 0:
		return strconv.FormatInt(s, 10) + secUnit
	case s == 0:
		return strconv.FormatInt(m, 10) + minUnit
	}
	return strconv.FormatInt(m, 10) + minUnit + sep + strconv.FormatInt(s, 10) + secUnit
}
