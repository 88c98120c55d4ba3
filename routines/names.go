package routines

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// IDFor turns a file or display name ("Evening", "calf_day", "Calf day")
// into a routine id ("evening", "calf-day"), or "" when it has characters
// an id cannot be made of. A saved plan takes its id from the name it was
// saved under, so `cooldown start NAME` finds it.
func IDFor(s string) string { return idFromText(s) }

// NameFor is the display name a routine saved as file name s gets when no
// name is given: dashes and underscores as spaces, the first letter
// upper-case ("calf-day" → "Calf day").
func NameFor(s string) string {
	s = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(s))
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// CheckName says what is wrong with a routine name given on the command
// line, with the rules a routine file's name follows.
func CheckName(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return fmt.Errorf("the name must not be empty")
	case strictyaml.Blank(s):
		return fmt.Errorf("the name must not be empty (it has only characters that show nothing)")
	case utf8.RuneCountInString(s) > maxNameLen:
		return fmt.Errorf("the name is %d characters long; at most %d", utf8.RuneCountInString(s), maxNameLen)
	case strictyaml.Clean(s) != s:
		return fmt.Errorf("the name has control characters")
	}
	return nil
}
