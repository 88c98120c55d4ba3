package strictyaml

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a place in a source file, for error messages.
type Pos struct {
	Line, Col int
}

// Problem is one thing wrong in a file, with where it is.
type Problem struct {
	File  string
	Line  int // 0 when the problem is the whole file
	Col   int
	Field string // e.g. "routines[0].steps[2].for"; may be empty
	Msg   string
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return EscapeControls(b.String())
}

// EscapeControls makes text safe to print in a message while still showing
// what was there: control characters, bidi overrides and the byte-order
// mark become visible escapes such as \x1b or \u202e. File names and YAML
// syntax messages can carry such bytes from a hostile file.
func EscapeControls(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	// U+2028 and U+2029 are line breaks to some terminals and editors: a
	// one-line message must not be split by a file's name.
	return unicode.IsControl(r) || IsBidiControl(r) || r == '\uFEFF' || r == '\u2028' || r == '\u2029' || r == utf8.RuneError
}

// Problems is every problem found in one or more files. It is an error
// so callers can pass it on whole.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// AsProblems extracts the problems from err, if it holds any.
func AsProblems(err error) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	var p Problem
	if errors.As(err, &p) {
		return Problems{p}
	}
	return nil
}

// MoreProblems is the last problem of a file with more than the problems
// listed: a count, so a hostile file cannot flood the screen.
func MoreProblems(file string, n int) Problem {
	return Problem{File: file, Msg: fmt.Sprintf("and %d more problems; fix the ones above first", n)}
}

// IsMoreProblems tells the line made by MoreProblems from a real problem.
func IsMoreProblems(p Problem) bool {
	return p.Line == 0 && strings.HasPrefix(p.Msg, "and ") && strings.HasSuffix(p.Msg, " more problems; fix the ones above first")
}

// SortByPos orders problems of one file by line and column, whole-file
// problems first, keeping the order of problems at the same place.
func SortByPos(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// Suggest returns ` (did you mean "x"?)` for the closest candidate, if
// close; failing that, for up to three candidates that contain s or share
// most of its beginning (`quick` → "quick-10-lower", `calf` → "calves").
func Suggest(s string, candidates []string) string {
	// What was typed is the start of exactly one candidate: that one.
	var starts []string
	for _, c := range candidates {
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return fmt.Sprintf(" (did you mean %q?)", starts[0])
	}
	if best, ok := Closest(s, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	var near []string
	for _, c := range candidates {
		if len(near) < 3 && len(s) >= 3 && (strings.Contains(c, s) || commonPrefix(s, c) >= max(3, len(s)-1)) {
			near = append(near, fmt.Sprintf("%q", c))
		}
	}
	switch len(near) {
	case 0:
		return ""
	case 1:
		return " (did you mean " + near[0] + "?)"
	}
	return " (did you mean " + strings.Join(near[:len(near)-1], ", ") + " or " + near[len(near)-1] + "?)"
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Closest is the candidate nearest to s by edit distance, if it is close
// enough to be what was meant (ties go to the earlier candidate).
func Closest(s string, candidates []string) (string, bool) {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != "" && bestD <= max(2, len(s)/3)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
