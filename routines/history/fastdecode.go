package history

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// decodeFast decodes a line of the shape Append writes straight into r,
// without reflection: one JSON object whose keys are exactly the Record
// field names, each at most once, with values of the right JSON type (a
// string without escapes, an integer for int fields, an object of numbers
// for area_seconds, RFC 3339 strings for the times).
//
// It reports false for anything else: a syntax error, a null, an escape, an
// unknown or repeated key, a wrong type, a time that does not parse. The
// caller then decodes the line again with encoding/json, which produces the
// same error messages as ever. So decodeFast only has to be right about the
// lines it accepts, and for those it must give exactly what json.Unmarshal
// gives; TestDecodeFastMatchesJSON and FuzzDecodeFast hold it to that.
//
// It earns its place, measured: `cooldown history` on a 20,000-record log
// (10 MB; three sessions a day for eighteen years) takes about 0.28 s of
// CPU with encoding/json alone (0.42–0.78 s of wall time on a busy 2-core
// machine; even spread over two idle cores, ~140 ms), against 0.09–0.12 s
// of CPU and 0.08–0.16 s of wall time with this decoder: only this one
// answers within the 100 ms a command should. It adds no dependency.
func decodeFast(line []byte, r *Record, in *interner) bool {
	p := lineParser{b: line}
	p.space()
	if !p.eat('{') {
		return false
	}
	p.space()
	if p.eat('}') {
		return p.end()
	}
	var seen uint32
	for {
		p.space()
		key, ok := p.plainString()
		if !ok {
			return false
		}
		f := fieldOf(key)
		if f < 0 || seen&(1<<f) != 0 {
			return false
		}
		seen |= 1 << f
		p.space()
		if !p.eat(':') {
			return false
		}
		p.space()
		if !p.value(f, r, in) {
			return false
		}
		p.space()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			return p.end()
		}
		return false
	}
}

// The fields of Record, by JSON name.
const (
	fVersion = iota
	fID
	fStart
	fEnd
	fRoutine
	fRoutineName
	fSoreness
	fOutcome
	fStepsDone
	fStepsSkipped
	fStepsTotal
	fActive
	fPaused
	fAreas
	fRating
)

// fieldOf matches key exactly. encoding/json also accepts keys that differ
// in case; such a line is simply left to it.
func fieldOf(key []byte) int {
	switch string(key) { // no allocation: the compiler compares in place
	case "v":
		return fVersion
	case "id":
		return fID
	case "start":
		return fStart
	case "end":
		return fEnd
	case "routine":
		return fRoutine
	case "routine_name":
		return fRoutineName
	case "soreness":
		return fSoreness
	case "outcome":
		return fOutcome
	case "steps_done":
		return fStepsDone
	case "steps_skipped":
		return fStepsSkipped
	case "steps_total":
		return fStepsTotal
	case "active_seconds":
		return fActive
	case "paused_seconds":
		return fPaused
	case "area_seconds":
		return fAreas
	case "rating":
		return fRating
	}
	return -1
}

type lineParser struct {
	b []byte
	i int
}

// space skips JSON whitespace.
func (p *lineParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *lineParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// end accepts only trailing whitespace after the object.
func (p *lineParser) end() bool {
	p.space()
	return p.i == len(p.b)
}

func (p *lineParser) value(f int, r *Record, in *interner) bool {
	switch f {
	case fVersion:
		return p.int(&r.Version)
	case fStepsDone:
		return p.int(&r.StepsDone)
	case fStepsSkipped:
		return p.int(&r.StepsSkipped)
	case fStepsTotal:
		return p.int(&r.StepsTotal)
	case fRating:
		return p.int(&r.Rating)
	case fActive:
		return p.float(&r.ActiveSeconds)
	case fPaused:
		return p.float(&r.PausedSeconds)
	case fStart:
		return p.time(&r.Start)
	case fEnd:
		return p.time(&r.End)
	case fAreas:
		return p.areas(&r.AreaSeconds, in)
	}
	s, ok := p.plainString()
	if !ok {
		return false
	}
	switch f {
	case fID:
		r.ID = string(s) // unique per record: not worth interning
	case fRoutine:
		r.Routine = in.get(s)
	case fRoutineName:
		r.RoutineName = in.get(s)
	case fSoreness:
		r.Soreness = in.get(s)
	case fOutcome:
		r.Outcome = Outcome(in.get(s))
	}
	return true
}

// plainString reads a string with no escapes and no control characters,
// in valid UTF-8 (what encoding/json returns unchanged), and returns its
// bytes without the quotes.
func (p *lineParser) plainString() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	start := p.i
	ascii := true
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return nil, false
}

// number reads a JSON number and returns its text and whether it is an
// integer (no fraction, no exponent).
func (p *lineParser) number() (lit []byte, integer, ok bool) {
	start := p.i
	p.eat('-')
	switch {
	case p.eat('0'):
	case p.i < len(p.b) && p.b[p.i] >= '1' && p.b[p.i] <= '9':
		p.digits()
	default:
		return nil, false, false
	}
	integer = true
	if p.eat('.') {
		integer = false
		if p.digits() == 0 {
			return nil, false, false
		}
	}
	if p.eat('e') || p.eat('E') {
		integer = false
		if !p.eat('+') {
			p.eat('-')
		}
		if p.digits() == 0 {
			return nil, false, false
		}
	}
	return p.b[start:p.i], integer, true
}

func (p *lineParser) digits() int {
	n := 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// int reads an integer as encoding/json does for an int field: a number
// with a fraction or an exponent, or one out of range, is left to it.
func (p *lineParser) int(dst *int) bool {
	lit, integer, ok := p.number()
	if !ok || !integer {
		return false
	}
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	if len(lit) > 18 { // 18 digits cannot overflow an int64
		return false
	}
	var n int64
	for _, c := range lit {
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	if int64(int(n)) != n { // a 32-bit int: encoding/json says it overflows
		return false
	}
	*dst = int(n)
	return true
}

// float reads a number into a float64 exactly as strconv.ParseFloat does
// (encoding/json's own route). Short decimals, which is what area seconds
// and most times are, take the exact fast path of Clinger's algorithm:
// an integer below 2^53 divided by a power of ten up to 10^22 is
// correctly rounded by one IEEE division.
func (p *lineParser) float(dst *float64) bool {
	lit, _, ok := p.number()
	if !ok {
		return false
	}
	if v, ok := shortDecimal(lit); ok {
		*dst = v
		return true
	}
	v, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return false // out of range: encoding/json reports it
	}
	*dst = v
	return true
}

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// shortDecimal handles a non-negative number without exponent and with
// at most 15 significant digits (so the mantissa is below 2^53).
func shortDecimal(lit []byte) (float64, bool) {
	var mant uint64
	digits, frac := 0, -1
	for i, c := range lit {
		switch {
		case c == '.':
			frac = i
		case c >= '0' && c <= '9':
			if mant == 0 && c == '0' {
				if frac >= 0 {
					digits++ // zeros after the point still scale
				}
				continue
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if digits > 15 {
				return 0, false
			}
		default: // '-', 'e', 'E', '+'
			return 0, false
		}
	}
	if frac < 0 {
		return float64(mant), true
	}
	scale := len(lit) - frac - 1
	if scale >= len(pow10) {
		return 0, false
	}
	return float64(mant) / pow10[scale], true
}

// time reads an RFC 3339 string with time.Time's own UnmarshalJSON, which
// is what encoding/json calls.
func (p *lineParser) time(dst *time.Time) bool {
	start := p.i
	if _, ok := p.plainString(); !ok {
		return false
	}
	return dst.UnmarshalJSON(p.b[start:p.i]) == nil
}

// areas reads the area_seconds object. The pairs are gathered first so
// the map is made at its final size (growing a map past 8 entries was the
// largest cost left). A repeated area keeps the last value, as
// encoding/json does.
func (p *lineParser) areas(dst *map[string]float64, in *interner) bool {
	if !p.eat('{') {
		return false
	}
	type pair struct {
		area string
		sec  float64
	}
	var buf [16]pair
	pairs := buf[:0]
	p.space()
	if !p.eat('}') {
		for {
			p.space()
			key, ok := p.plainString()
			if !ok {
				return false
			}
			p.space()
			if !p.eat(':') {
				return false
			}
			p.space()
			var v float64
			if !p.float(&v) {
				return false
			}
			pairs = append(pairs, pair{in.get(key), v})
			p.space()
			if p.eat(',') {
				continue
			}
			if p.eat('}') {
				break
			}
			return false
		}
	}
	m := make(map[string]float64, len(pairs))
	for _, kv := range pairs {
		m[kv.area] = kv.sec
	}
	*dst = m
	return true
}

// interner hands out one string per distinct short value (routine ids and
// names, soreness, outcome, area names), which repeat on almost every line:
// a read of a large log then allocates a few strings instead of millions.
type interner map[string]string

const (
	internMaxLen   = 96
	internMaxCount = 4096
)

func (in *interner) get(b []byte) string {
	if len(b) > internMaxLen {
		return string(b)
	}
	if s, ok := (*in)[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if *in == nil {
		*in = make(interner, 64)
	}
	if len(*in) < internMaxCount {
		(*in)[s] = s
	}
	return s
}
