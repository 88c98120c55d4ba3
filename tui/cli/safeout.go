package cli

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Text a person or a file controls (routine and file names, names read
// back from the history log and checkpoints, paths, messages quoting them)
// reaches the terminal in one of two ways, and no other:
//
//   - names and content shown as output go through strictyaml.Clean, which
//     drops escape sequences, control characters and bidi overrides;
//   - diagnostics on stderr go through diag, which makes the same bytes
//     visible instead (\x1b, \u202e), since a diagnostic must show what
//     is wrong.
//
// JSON output goes through safeJSON. safeout_test.go feeds every escape
// family through every command.

// diag prints one "cooldown: ..." line on w with controls made visible.
func diag(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "cooldown: %s\n", strictyaml.EscapeControls(fmt.Sprintf(format, args...)))
}

// safeJSON escapes, as \uXXXX, what encoding/json leaves raw but a
// terminal acts on: DEL, the C1 controls (U+0080–U+009F, each one a
// one-character escape sequence) and the bidi overrides. The JSON means
// the same; a `cooldown history --json` on a terminal cannot be hijacked
// by a hand-edited log.
func safeJSON(b []byte) []byte {
	if !bytes.ContainsFunc(b, needsJSONEscape) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if needsJSONEscape(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

func needsJSONEscape(r rune) bool {
	return r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == 0xfeff
}

// jsonSafeWriter applies safeJSON to everything written through it. The
// escaped runes never straddle writes: each write is whole JSON values.
type jsonSafeWriter struct{ w io.Writer }

func (s jsonSafeWriter) Write(p []byte) (int, error) {
	if _, err := s.w.Write(safeJSON(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}
