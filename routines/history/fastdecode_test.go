package history

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// checkFast holds decodeFast to its contract on one line: whatever it
// accepts, encoding/json accepts too and decodes to the same record. It
// returns whether decodeFast accepted the line.
func checkFast(t *testing.T, line string) bool {
	t.Helper()
	var fast Record
	var in interner
	if !decodeFast([]byte(line), &fast, &in) {
		return false
	}
	var slow Record
	if err := json.Unmarshal([]byte(line), &slow); err != nil {
		t.Fatalf("decodeFast accepted a line encoding/json rejects (%v):\n%s", err, line)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decodeFast and encoding/json differ on\n%s\nfast %#v\njson %#v", line, fast, slow)
	}
	return true
}

func TestDecodeFastMatchesJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2026, 3, 4, 18, 0, 0, 123456789, time.FixedZone("", 5*3600+1800))
	for i := range 500 {
		r := realisticRecord(rng, i, start.Add(time.Duration(i)*time.Hour))
		if !checkFast(t, jsonLine(t, r)) {
			t.Fatalf("a record as Append writes it took the slow path:\n%s", jsonLine(t, r))
		}
	}

	base := strings.TrimSuffix(jsonLine(t, mkRec("x", t0(), 10)), "\n")
	edit := func(old, new string) string {
		if !strings.Contains(base, old) {
			t.Fatalf("%q not in %s", old, base)
		}
		return strings.Replace(base, old, new, 1)
	}
	accepted := []string{
		base,
		"  " + strings.ReplaceAll(strings.ReplaceAll(base, `,"`, " ,\t\""), `":`, `" : `) + " \r\n",
		"{}",
		`{"v":1}`,
		edit(`"area_seconds":{"calves":60,"hamstrings":45.5}`, `"area_seconds":{}`),
		edit(`"area_seconds":{"calves":60,"hamstrings":45.5}`, `"area_seconds":{"calves":1,"calves":2}`),
		edit(`"Desk reset"`, `"Étirements — nuque 首"`),
		edit(`"active_seconds":600`, `"active_seconds":0`),
		edit(`"active_seconds":600`, `"active_seconds":-0`),
		edit(`"active_seconds":600`, `"active_seconds":-12.5`),
		edit(`"active_seconds":600`, `"active_seconds":0.000000000000000000001`),
		edit(`"active_seconds":600`, `"active_seconds":1234.5678901234567`),
		edit(`"active_seconds":600`, `"active_seconds":999999999999999`),
		edit(`"active_seconds":600`, `"active_seconds":9007199254740993`),
		edit(`"active_seconds":600`, `"active_seconds":6e2`),
		edit(`"active_seconds":600`, `"active_seconds":6.25E-1`),
		edit(`"active_seconds":600`, `"active_seconds":1.7976931348623157e308`),
		edit(`"active_seconds":600`, `"active_seconds":0.1000000000000000055511151231257827`),
		edit(`"steps_done":8`, `"steps_done":-0`),
		edit(`"steps_done":8`, `"steps_done":-7`),
		edit(`"steps_done":8`, `"steps_done":123456789012345678`),
		edit(`"start":"2026-03-04T18:00:00Z"`, `"start":"2026-03-04T19:00:00.5+01:00"`),
		edit(`"rating":4`, `"rating":0`),
	}
	for _, line := range accepted {
		if !checkFast(t, line) {
			t.Errorf("slow path for a plain line:\n%s", line)
		}
	}
	// The rest is left to encoding/json, which either decodes it its way
	// (case-insensitive keys, unknown fields, escapes, nulls) or names the
	// problem in the warning.
	rejected := []string{
		"",
		"null",
		"[1,2]",
		"hello",
		base + "x",
		base + "{}",
		base[:len(base)-1],
		`{"v":1,}`,
		`{"v":1 "id":"a"}`,
		`{"V":1}`,
		`{"v":1,"v":2}`,
		`{"v":1,"extra":true}`,
		`{"v":null}`,
		`{"v":"1"}`,
		`{"v":1.0}`,
		`{"v":1e0}`,
		`{"v":01}`,
		`{"v":+1}`,
		`{"v":-}`,
		`{"v":1234567890123456789}`,
		`{"rating":true}`,
		`{"active_seconds":1e400}`,
		`{"active_seconds":1.}`,
		`{"active_seconds":.5}`,
		`{"active_seconds":"600"}`,
		`{"area_seconds":null}`,
		`{"area_seconds":[]}`,
		`{"area_seconds":{"calves":"60"}}`,
		`{"area_seconds":{"calves":60,}}`,
		`{"area_seconds":{"cal\u0076es":60}}`,
		`{"id":"a\"b"}`,
		`{"id":"a` + "\t" + `b"}`,
		`{"id":"a` + "\xff" + `b"}`,
		`{"id":"abc`,
		`{"start":"yesterday"}`,
		`{"start":"2026-03-04 18:00:00Z"}`,
		`{"start":1772647200}`,
		`{"start":null}`,
	}
	for _, line := range rejected {
		if checkFast(t, line) {
			t.Errorf("fast path accepted\n%s", line)
		}
	}
}

// FuzzDecodeFast looks for a line on which decodeFast and encoding/json
// disagree: go test -fuzz FuzzDecodeFast ./history/
func FuzzDecodeFast(f *testing.F) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 5 {
		f.Add(jsonLine(f, realisticRecord(rng, i, t0().Add(time.Duration(i)*time.Minute))))
	}
	f.Add(`{"v":1,"area_seconds":{"calves":0.05},"steps_done":-0,"start":"2026-03-04T19:00:00.5+01:00"}`)
	f.Add(`{"v":1e0,"id":"a\u0062"}`)
	f.Fuzz(func(t *testing.T, line string) {
		checkFast(t, line)
	})
}

// A log of many batches, mixing lines for the fast path, lines only
// encoding/json reads (an unknown field, a key in another case, an
// escape) and bad ones: every record comes back in file order, equal to
// what encoding/json makes of it, with buffers reused between batches.
func TestReadManyBatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	s := NewStore(t.TempDir())
	var (
		b     strings.Builder
		want  []Record
		warns []int
	)
	start := t0().Add(-10000 * time.Hour)
	for i := range 6000 {
		r := realisticRecord(rng, i, start.Add(time.Duration(i)*time.Hour))
		line := strings.TrimSuffix(jsonLine(t, r), "\n")
		switch i % 500 {
		case 7:
			line = strings.Replace(line, `"soreness"`, `"future_field":[1,{"a":null}],"soreness"`, 1)
		case 8:
			line = strings.Replace(line, `"routine_name"`, `"Routine_Name"`, 1)
		case 9:
			line = strings.Replace(line, `"id":"`, `"id":"\u0041`, 1)
			r.ID = "A" + r.ID
		case 10:
			line = line[:len(line)/2]
		case 11:
			line = "garbage"
		}
		b.WriteString(line + "\n")
		if i%500 == 10 || i%500 == 11 {
			warns = append(warns, i+1)
			continue
		}
		var dec Record
		if err := json.Unmarshal([]byte(line), &dec); err != nil {
			t.Fatal(err)
		}
		want = append(want, dec)
	}
	testfiles.Write(t, s.Path(), b.String())
	if b.Len() < 8*batchBytes {
		t.Fatalf("only %d bytes: not enough batches to test", b.Len())
	}
	for range 3 { // a second read, with warm buffers, gives the same
		got, ws := mustRead(t, s)
		if len(got) != len(want) {
			t.Fatalf("%d records, want %d", len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
		if len(ws) != maxWarnings+1 {
			t.Fatalf("%d warnings, want %d", len(ws), maxWarnings+1)
		}
		for i := range maxWarnings {
			if ws[i].Line != warns[i] {
				t.Errorf("warning %d at line %d, want %d", i, ws[i].Line, warns[i])
			}
		}
	}
}
