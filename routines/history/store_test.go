package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines/testfiles"
)

func TestAppendReadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "cooldown") // does not exist yet: created lazily
	s := NewStore(dir)
	want := []Record{mkRec("a", t0(), 10), mkRec("b", t0().Add(time.Hour), 25)}
	want[1].Outcome, want[1].Rating, want[1].AreaSeconds = OutcomeQuit, 0, nil
	for _, r := range want {
		if err := s.Append(r); err != nil {
			t.Fatalf("Append: %v", err)
		}
	}
	got, ws := mustRead(t, s)
	if len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Start.Equal(want[i].Start) || !got[i].End.Equal(want[i].End) {
			t.Errorf("record %d times: got %v..%v want %v..%v", i, got[i].Start, got[i].End, want[i].Start, want[i].End)
		}
		got[i].Start, got[i].End, want[i].Start, want[i].End = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&^0o644 != 0 {
		t.Errorf("history.jsonl mode %v, want at most 0644", perm)
	}
}

// TestAppendFieldNames pins the JSON contract that scripts rely on.
func TestAppendFieldNames(t *testing.T) {
	s := NewStore(t.TempDir())
	if err := s.Append(mkRec("x", t0(), 10)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"v":1,"id":"x","start":"2026-03-04T18:00:00Z","end":"2026-03-04T18:10:00Z","routine":"desk-reset-10",` +
		`"routine_name":"Desk reset","soreness":"sore","outcome":"completed","steps_done":8,"steps_skipped":1,` +
		`"steps_total":9,"active_seconds":600,"paused_seconds":4.5,"area_seconds":{"calves":60,"hamstrings":45.5},"rating":4}` + "\n"
	if string(b) != want {
		t.Errorf("line:\n got %s\nwant %s", b, want)
	}
}

func TestAppendFillsVersionAndRefusesInvalid(t *testing.T) {
	s := NewStore(t.TempDir())
	r := mkRec("v0", t0(), 5)
	r.Version = 0
	if err := s.Append(r); err != nil {
		t.Fatal(err)
	}
	bad := mkRec("bad", t0(), 5)
	bad.Outcome = "exploded"
	if err := s.Append(bad); err == nil || !strings.Contains(err.Error(), "unknown outcome") {
		t.Errorf("Append(invalid) = %v, want an unknown-outcome error", err)
	}
	huge := mkRec("huge", t0(), 5)
	huge.RoutineName = strings.Repeat("x", maxLine)
	if err := s.Append(huge); err == nil || !strings.Contains(err.Error(), "line limit") {
		t.Errorf("Append(huge) = %v, want a line-limit error", err)
	}
	recs, ws := mustRead(t, s)
	if len(recs) != 1 || recs[0].Version != CurrentVersion || len(ws) != 0 {
		t.Errorf("got %d records (%+v), warnings %v; want the one valid record at version %d", len(recs), recs, ws, CurrentVersion)
	}
}

// A crash mid-append leaves a partial last line; the next Append must put
// its record on a line of its own.
func TestAppendAfterPartialLine(t *testing.T) {
	s := NewStore(t.TempDir())
	for _, id := range []string{"a", "b"} {
		if err := s.Append(mkRec(id, t0(), 10)); err != nil {
			t.Fatal(err)
		}
	}
	partial := jsonLine(t, mkRec("cut", t0(), 10))[:40]
	f, err := os.OpenFile(s.Path(), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(partial); err != nil {
		t.Fatal(err)
	}
	f.Close()

	if err := s.Append(mkRec("c", t0(), 10)); err != nil {
		t.Fatal(err)
	}
	recs, ws := mustRead(t, s)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if !reflect.DeepEqual(ids, []string{"a", "b", "c"}) {
		t.Errorf("ids %v, want [a b c]", ids)
	}
	if len(ws) != 1 || ws[0].Line != 3 || !strings.Contains(ws[0].Msg, "not a valid record") {
		t.Errorf("warnings %v, want one for line 3", ws)
	}
	b, _ := os.ReadFile(s.Path())
	if !strings.Contains(string(b), partial+"\n{") {
		t.Errorf("partial line not isolated on its own line:\n%s", b)
	}
}

func TestReadBadHistory(t *testing.T) {
	good := func(id string) string { return jsonLine(t, mkRec(id, t0(), 10)) }
	cut := strings.TrimSuffix(good("x"), "\n")[:50]
	withVersion := strings.Replace(good("new"), `"v":1`, `"v":2`, 1)
	wrongType := strings.Replace(good("wt"), `"steps_done":8`, `"steps_done":"eight"`, 1)
	badOutcome := strings.Replace(good("bo"), `"completed"`, `"exploded"`, 1)
	backwards := strings.Replace(good("bw"), `"end":"2026-03-04T18:10:00Z"`, `"end":"2026-03-04T17:00:00Z"`, 1)
	badRating := strings.Replace(good("br"), `"rating":4`, `"rating":9`, 1)
	long := `{"v":1,"pad":"` + strings.Repeat("y", maxLine+10) + `"}`

	type warn struct {
		line int
		msg  string
	}
	tests := []struct {
		name    string
		content string
		ids     []string
		warns   []warn
	}{
		{"truncated last line", good("a") + good("b") + cut, []string{"a", "b"}, []warn{{3, "truncated last line"}}},
		{"garbage line", good("a") + "hello, world\n" + good("b"), []string{"a", "b"}, []warn{{2, "not a valid record"}}},
		{"empty lines", good("a") + "\n   \n" + good("b") + "\n", []string{"a", "b"}, []warn{{2, "empty line"}, {3, "empty line"}, {5, "empty line"}}},
		{"newer version", good("a") + withVersion, []string{"a"}, []warn{{2, "newer than this cooldown understands"}}},
		{"wrong types", wrongType + good("b"), []string{"b"}, []warn{{1, "cannot unmarshal"}}},
		{"valid JSON, unknown outcome", badOutcome, nil, []warn{{1, "unknown outcome"}}},
		{"valid JSON, end before start", backwards, nil, []warn{{1, "end is before start"}}},
		{"valid JSON, rating out of range", badRating, nil, []warn{{1, "rating 9"}}},
		{"valid JSON, not a record", "null\n[1,2]\n{}\n" + good("a"), []string{"a"}, []warn{{1, "version"}, {2, "cannot unmarshal array"}, {3, "version"}}},
		{"oversize line", good("a") + long + "\n" + good("b"), []string{"a", "b"}, []warn{{2, "longer than"}}},
		{"oversize last line", good("a") + long, []string{"a"}, []warn{{2, "longer than"}}},
		{"last line without newline is fine", good("a") + strings.TrimSuffix(good("b"), "\n"), []string{"a", "b"}, nil},
		{"CRLF line endings", strings.ReplaceAll(good("a")+good("b"), "\n", "\r\n"), []string{"a", "b"}, nil},
		{"empty file", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore(t.TempDir())
			testfiles.Write(t, s.Path(), tt.content)
			recs, ws := mustRead(t, s)
			var ids []string
			for _, r := range recs {
				ids = append(ids, r.ID)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("ids %v, want %v", ids, tt.ids)
			}
			if len(ws) != len(tt.warns) {
				t.Fatalf("warnings %q, want %d", ws, len(tt.warns))
			}
			for i, w := range tt.warns {
				if ws[i].Line != w.line || !strings.Contains(ws[i].Msg, w.msg) {
					t.Errorf("warning %d = %q, want line %d containing %q", i, ws[i], w.line, w.msg)
				}
				if !strings.HasPrefix(ws[i].String(), "history.jsonl:") || !strings.Contains(ws[i].String(), ": skipped: ") {
					t.Errorf("warning %d renders as %q", i, ws[i])
				}
			}
			after, err := os.ReadFile(s.Path())
			if err != nil || string(after) != tt.content {
				t.Errorf("Read changed the file (err %v)", err)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cooldown")
	s := NewStore(dir)
	recs, ws, err := s.Read()
	if recs != nil || ws != nil || err != nil {
		t.Errorf("Read() = %v, %v, %v; want nothing", recs, ws, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read created %s (stat err %v)", dir, err)
	}
	if got, err := s.Recover(t0()); got != nil || err != nil {
		t.Errorf("Recover() = %v, %v; want nothing", got, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Recover created %s (stat err %v)", dir, err)
	}
}

func TestReadUnreadable(t *testing.T) {
	s := NewStore(t.TempDir())
	if err := os.Mkdir(s.Path(), 0o755); err != nil {
		t.Fatal(err)
	}
	recs, ws, err := s.Read()
	if err == nil || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("Read of a directory = %v, %v, %v; want an error naming the path", recs, ws, err)
	}
}

func TestReadCollapsesManyWarnings(t *testing.T) {
	s := NewStore(t.TempDir())
	content := jsonLine(t, mkRec("a", t0(), 10)) + strings.Repeat("garbage\n", maxWarnings+15)
	testfiles.Write(t, s.Path(), content)
	recs, ws := mustRead(t, s)
	if len(recs) != 1 {
		t.Errorf("got %d records, want 1", len(recs))
	}
	if len(ws) != maxWarnings+1 {
		t.Fatalf("got %d warnings, want %d", len(ws), maxWarnings+1)
	}
	if ws[0].Line != 2 || ws[maxWarnings-1].Line != maxWarnings+1 {
		t.Errorf("first warnings at lines %d..%d", ws[0].Line, ws[maxWarnings-1].Line)
	}
	sum := ws[maxWarnings]
	if want := "history.jsonl: skipped 15 more problem lines, from line 22 on"; sum.String() != want {
		t.Errorf("summary %q, want %q", sum, want)
	}
}

// Write failures must come back as clear errors; they are made
// deterministic without permissions (tests may run as root).
func TestWriteErrors(t *testing.T) {
	tmp := t.TempDir()
	notDir := filepath.Join(tmp, "file")
	testfiles.Write(t, notDir, "I am a file\n")

	t.Run("state dir is a file", func(t *testing.T) {
		s := NewStore(notDir)
		err := s.Append(mkRec("a", t0(), 10))
		if err == nil || !strings.Contains(err.Error(), "cannot save session") || !strings.Contains(err.Error(), notDir) {
			t.Errorf("Append = %v", err)
		}
		if _, err := s.Begin(mkRec("b", t0(), 10)); err == nil || !strings.Contains(err.Error(), "checkpoint") {
			t.Errorf("Begin = %v", err)
		}
	})
	t.Run("history.jsonl is a directory", func(t *testing.T) {
		s := NewStore(filepath.Join(tmp, "state"))
		if err := os.MkdirAll(s.Path(), 0o755); err != nil {
			t.Fatal(err)
		}
		err := s.Append(mkRec("a", t0(), 10))
		if err == nil || !strings.Contains(err.Error(), "is a directory") {
			t.Errorf("Append = %v, want an is-a-directory error", err)
		}
		// Finish keeps the checkpoint so nothing is lost.
		c, err := s.Begin(mkRec("sess", t0(), 10))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Abandon()
		if err := c.Finish(mkRec("sess", t0(), 12)); err == nil {
			t.Fatal("Finish succeeded with an unwritable log")
		}
		if _, err := os.Stat(filepath.Join(s.checkpointDir(), "sess.json")); err != nil {
			t.Errorf("checkpoint gone after a failed Finish: %v", err)
		}
	})
	// A full disk is tested on a real one (tmpfs_test.go); a device in the
	// log's place is refused, not written to.
	t.Run("log is a device", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full on this system")
		}
		s := NewStore(filepath.Join(tmp, "full"))
		if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/full", s.Path()); err != nil {
			t.Fatal(err)
		}
		err := s.Append(mkRec("a", t0(), 10))
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Append = %v, want a not-a-regular-file error", err)
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Record)
		errSub string // "" = valid
	}{
		{"valid", func(r *Record) {}, ""},
		{"no rating", func(r *Record) { r.Rating = 0 }, ""},
		{"zero length", func(r *Record) { r.End = r.Start }, ""},
		{"version 0", func(r *Record) { r.Version = 0 }, "version"},
		{"newer version", func(r *Record) { r.Version = CurrentVersion + 1 }, "newer"},
		{"unknown outcome", func(r *Record) { r.Outcome = "" }, "unknown outcome"},
		{"end before start", func(r *Record) { r.End = r.Start.Add(-time.Second) }, "end is before start"},
		{"no start", func(r *Record) { r.Start, r.End = time.Time{}, time.Time{} }, "missing start"},
		{"rating 6", func(r *Record) { r.Rating = 6 }, "rating"},
		{"rating -1", func(r *Record) { r.Rating = -1 }, "rating"},
		{"negative steps", func(r *Record) { r.StepsSkipped = -1 }, "negative step"},
		{"negative active", func(r *Record) { r.ActiveSeconds = -3 }, "negative active"},
		{"negative area", func(r *Record) { r.AreaSeconds["calves"] = -1 }, "negative seconds"},
		{"absurd active", func(r *Record) { r.ActiveSeconds = 1e300 }, "active_seconds 1e+300 is more than a day"},
		{"absurd paused", func(r *Record) { r.PausedSeconds = 1e12 }, "paused_seconds"},
		{"absurd area", func(r *Record) { r.AreaSeconds["calves"] = 1e300 }, "more than a day"},
		{"absurd steps", func(r *Record) { r.StepsTotal = 1 << 40 }, "step count"},
		{"year 1", func(r *Record) { r.Start, r.End = time.Time{}.Add(time.Hour), time.Time{}.Add(2*time.Hour) }, "start year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mkRec("id", t0(), 10)
			tt.edit(&r)
			err := r.Validate()
			if tt.errSub == "" && err != nil || tt.errSub != "" && (err == nil || !strings.Contains(err.Error(), tt.errSub)) {
				t.Errorf("Validate() = %v, want %q", err, tt.errSub)
			}
		})
	}
}

func TestNewID(t *testing.T) {
	a, b := NewID(t0()), NewID(t0())
	if a == b {
		t.Errorf("two ids at the same instant are equal: %s", a)
	}
	if !strings.HasPrefix(a, "20260304T180000Z-") || !validID(a) {
		t.Errorf("NewID = %q", a)
	}
	for _, bad := range []string{"", ".hidden", "a/b", "a b", "../x", strings.Repeat("x", 200)} {
		if validID(bad) {
			t.Errorf("validID(%q) = true", bad)
		}
	}
}
