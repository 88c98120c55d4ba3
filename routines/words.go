package routines

import "strconv"

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
