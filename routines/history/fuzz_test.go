package history

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzRead reads arbitrary bytes as a history log, the way every command
// does. It must never panic or hang; every record it returns must pass
// Validate (no absurd numbers, no end before start); every warning names a
// line of the file (or is the one summary line); and no line yields both a
// record and a warning.
//
// Run it with: go test ./routines/history/ -run '^$' -fuzz '^FuzzRead$' -fuzztime 10s
func FuzzRead(f *testing.F) {
	r := mkRec("seed", t0(), 12)
	good := jsonLine(f, r)
	f.Add([]byte(good))
	f.Add([]byte(good + good[:len(good)/2]))
	f.Add([]byte("\n\r\n" + good + "{}\n[]\nnull\n"))
	f.Add([]byte(strings.Replace(good, `"active_seconds":720`, `"active_seconds":1e300`, 1)))
	f.Add([]byte(strings.Replace(good, `"v":1`, `"v":2`, 1)))
	f.Add([]byte(`{"v":1,"id":"x","start":"2026-03-04T18:00:00Z","end":"2026-03-04T17:00:00Z","outcome":"quit"}` + "\n"))
	f.Add([]byte("\x00\xff\xfe" + good))
	f.Fuzz(func(t *testing.T, data []byte) {
		// readRecords is what Read runs on the opened file; in memory, the
		// fuzzer runs thousands of logs a second rather than dozens.
		var ws warnList
		recs, err := readRecords(bytes.NewReader(data), &ws)
		if err != nil {
			t.Fatalf("reading from memory failed: %v", err)
		}
		warns := ws.list(FileName)
		lines := bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			lines++
		}
		for _, r := range recs {
			if err := r.Validate(); err != nil {
				t.Errorf("Read returned an invalid record %+v: %v", r, err)
			}
		}
		counted := 0
		for _, w := range warns {
			if w.Line == 0 {
				continue // the summary of lines past the first few
			}
			counted++
			if w.Line < 1 || w.Line > lines || w.File != FileName {
				t.Errorf("warning %q names line %d of a %d-line file", w, w.Line, lines)
			}
		}
		if len(recs)+counted > lines {
			t.Errorf("%d records and %d warnings from %d lines", len(recs), counted, lines)
		}
		// What was read is written back the same: the records survive an append.
		var log bytes.Buffer
		for _, r := range recs {
			line, err := encodeLine(r)
			if err != nil {
				t.Fatalf("a record Read returned cannot be appended: %v", err)
			}
			log.Write(line)
		}
		var ws2 warnList
		again, err := readRecords(&log, &ws2)
		if err != nil || len(again) != len(recs) || len(ws2.kept) > 0 {
			t.Fatalf("read back %d records (%v, %v), want %d", len(again), err, ws2.kept, len(recs))
		}
		for i := range recs {
			if !again[i].Start.Equal(recs[i].Start) || again[i].ActiveSeconds != recs[i].ActiveSeconds || again[i].ID != recs[i].ID {
				t.Errorf("record %d changed on the way back: %+v, then %+v", i, recs[i], again[i])
			}
		}
	})
}
