package strictyaml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// Shorten cuts text quoted in a message to a readable length.
func Shorten(s string) string { return Truncate(s, 40) }

// Truncate keeps the first n characters of s, marking a cut with "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// Describe says what a value is, for "must be X, found Y" messages.
func Describe(n ast.Node) string {
	switch v := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.BoolNode:
		return "true/false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + Shorten(v.GetToken().Value)
	case *ast.StringNode:
		return fmt.Sprintf("%q", Shorten(v.Value))
	case *ast.LiteralNode:
		return "a block of text"
	default:
		if t := v.GetToken(); t != nil {
			return fmt.Sprintf("%q", Shorten(t.Value))
		}
		return "something else"
	}
}

// unwrap looks through tags (e.g. !!str) to the value; only files read
// with Limits.AllowTags have any.
func unwrap(n ast.Node) ast.Node {
	for {
		t, ok := n.(*ast.TagNode)
		if !ok {
			return n
		}
		n = t.Value
	}
}

// FirstInvalidUTF8 is the line and column (in characters) of the first
// byte that is not UTF-8, for a file's error message.
func FirstInvalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}
