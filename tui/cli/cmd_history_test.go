package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/history"
)

// cet is the zone of the history tests: a fixed +01:00, so the goldens
// do not depend on the machine's zone database.
var cet = time.FixedZone("CET", 3600)

// historyNowForTest is Wednesday 4 March 2026, 18:00 CET.
func historyNowForTest() time.Time { return time.Date(2026, 3, 4, 18, 0, 0, 0, cet) }

// historyEnv points cooldown's files at a temporary home, fixes the clock
// and draws plain text (as when piped), and returns the log's path.
func historyEnv(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".local", "state"))
	t.Setenv("NO_COLOR", "1")
	prev := testWorld
	testWorld.now = historyNowForTest
	testWorld.look = func(*os.File, io.Writer) (colorprofile.Profile, bool) { return colorprofile.NoTTY, true }
	t.Cleanup(func() { testWorld = prev })
	return filepath.Join(home, ".local", "state", "cooldown", history.FileName)
}

// withColor makes history draw in true colour on a dark background.
func withColor(t *testing.T) {
	t.Helper()
	testWorld.look = func(*os.File, io.Writer) (colorprofile.Profile, bool) { return colorprofile.TrueColor, true }
}

// sess is a hand-made session in the log format, starting at a local time.
func sess(id string, y int, mo time.Month, d, h, mi int, routine, name string, min float64, areas map[string]float64) history.Record {
	start := time.Date(y, mo, d, h, mi, 0, 0, cet)
	active := min * 60
	return history.Record{
		Version: 1, ID: id, Start: start,
		End:     start.Add(time.Duration(active+30) * time.Second),
		Routine: routine, RoutineName: name, Soreness: "sore",
		Outcome:   history.OutcomeCompleted,
		StepsDone: 8, StepsTotal: 8,
		ActiveSeconds: active, PausedSeconds: 30,
		AreaSeconds: areas,
	}
}

// sampleHistory is twelve weeks of a plausible log, oldest first, as
// JSON lines. Seen from historyNowForTest: a streak of four days (Sun 1 to
// Wed 4 March), four sessions on three days this week, one of them 25
// minutes long, hamstrings last worked nine days ago, six areas never.
func sampleHistory(t testing.TB) string {
	t.Helper()
	legs := map[string]float64{"calves": 60, "hamstrings": 60, "quads": 45}
	recs := []history.Record{
		sess("s01", 2025, 11, 20, 19, 0, "deep-recovery-40", "Deep recovery with foam rolling", 40,
			map[string]float64{"adductors": 120, "glutes": 90, "it-band": 60}),
		sess("s02", 2025, 12, 16, 7, 30, "quick-10-lower", "Quick lower body", 10, legs),
		sess("s03", 2025, 12, 29, 18, 15, "quick-10-lower", "Quick lower body", 11, legs),
		sess("s04", 2026, 1, 13, 20, 0, "post-run-15", "After a run: legs and hips, with a long name", 15,
			map[string]float64{"hips": 60, "calves": 60}),
		sess("s05", 2026, 2, 14, 9, 0, "desk-reset-10", "Desk reset", 10, map[string]float64{"neck": 40}),
		sess("s06", 2026, 2, 14, 13, 0, "desk-reset-10", "Desk reset", 10, map[string]float64{"neck": 40}),
		sess("s07", 2026, 2, 14, 17, 0, "desk-reset-10", "Desk reset", 10, map[string]float64{"neck": 40, "shoulders": 30}),
		sess("s08", 2026, 2, 23, 18, 0, "post-run-15", "After a run: legs and hips, with a long name", 16,
			map[string]float64{"hamstrings": 90, "hips": 60}),
		sess("s09", 2026, 2, 28, 8, 0, "quick-10-lower", "Quick lower body", 0.2, nil),
		sess("s10", 2026, 3, 1, 19, 0, "quick-10-lower", "Quick lower body", 4, map[string]float64{"calves": 60}),
		sess("s11", 2026, 3, 2, 7, 5, "desk-reset-10", "Desk reset", 10, map[string]float64{"neck": 40, "upper-back": 60}),
		sess("s12", 2026, 3, 3, 12, 0, "desk-reset-10", "Desk reset", 9, map[string]float64{"neck": 40}),
		sess("s13", 2026, 3, 3, 18, 30, "very-sore-gentle-20", "Very sore: gentle recovery", 25,
			map[string]float64{"lower-back": 60, "glutes": 60, "quads": 60}),
		sess("s14", 2026, 3, 4, 8, 0, "quick-10-lower", "Quick lower body", 10, map[string]float64{"quads": 50, "calves": 60}),
	}
	ratings := map[string]int{"s01": 5, "s02": 4, "s05": 3, "s11": 4, "s13": 5, "s14": 3}
	var b strings.Builder
	for _, r := range recs {
		r.Rating = ratings[r.ID]
		switch r.ID {
		case "s04": // quit half-way
			r.Outcome, r.StepsDone, r.StepsSkipped, r.StepsTotal = history.OutcomeQuit, 5, 1, 12
		case "s09": // opened and quit at once: earns nothing
			r.Outcome, r.StepsDone, r.StepsTotal = history.OutcomeQuit, 0, 6
		case "s10": // killed mid-session, recovered later
			r.Outcome, r.StepsDone, r.StepsTotal = history.OutcomeInterrupted, 3, 6
		}
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func writeHistory(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// requireFits fails if a line of out is wider than width cells.
func requireFits(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d cells wide, over %d:\n%s", i+1, w, width, line)
		}
	}
}

// The output at 80 columns, without colour (piped, NO_COLOR, TERM=dumb)
// and with it. The colour golden keeps its escape sequences.
func TestHistory(t *testing.T) {
	for _, c := range []struct {
		name  string
		color bool
	}{{"plain", false}, {"color", true}} {
		t.Run(c.name, func(t *testing.T) {
			writeHistory(t, historyEnv(t), sampleHistory(t))
			asTerminal(t, 80)
			if c.color {
				withColor(t)
			}
			r := cli(t, "history")
			r.want(t, 0)
			if r.err != "" {
				t.Errorf("stderr: %s", r.err)
			}
			if got := strings.Contains(r.out, "\x1b["); got != c.color {
				t.Errorf("escape sequences in the output: %v, want %v", got, c.color)
			}
			plain := ansi.Strip(r.out)
			requireFits(t, plain, 80)
			for _, want := range []string{
				"Last 10 sessions of 14",
				"Wed  4 Mar 08:00  Quick lower body",
				"Sessions         4 on 3 days",
				"Longer (20+ min) 1",
				"Streak           4 days",
				"Last 12 weeks",
				"hamstrings  9 days ago",
				"never: chest, arms, lats, shins, feet",
			} {
				if !strings.Contains(plain, want) {
					t.Errorf("no %q in\n%s", want, plain)
				}
			}
			golden.RequireEqual(t, r.out)
			if c.color {
				// The same text as the plain golden, only coloured.
				plainGolden, err := os.ReadFile(filepath.Join("testdata", "TestHistory", "plain.golden"))
				if err == nil && ansi.Strip(r.out) != string(plainGolden) {
					t.Error("the colour output differs from the plain one once the colour is stripped")
				}
			}
		})
	}
}

// Piped output, as detected for real (no hook): plain text.
func TestHistoryPipedIsPlain(t *testing.T) {
	writeHistory(t, historyEnv(t), sampleHistory(t))
	testWorld.look = func(in *os.File, out io.Writer) (colorprofile.Profile, bool) {
		return colorprofile.Detect(out, []string{"TERM=xterm-256color", "COLORTERM=truecolor"}), true
	}
	r := cli(t, "history")
	r.want(t, 0)
	if strings.Contains(r.out, "\x1b") {
		t.Errorf("escape sequences in piped output:\n%q", r.out)
	}
	requireFits(t, r.out, 80)
}

func TestHistoryJSON(t *testing.T) {
	writeHistory(t, historyEnv(t), sampleHistory(t))
	r := cli(t, "history", "--json")
	r.want(t, 0)
	if r.err != "" {
		t.Errorf("stderr: %s", r.err)
	}
	golden.RequireEqual(t, r.out)

	var got struct {
		Sessions []map[string]any `json:"sessions"`
		Stats    map[string]any   `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Sessions) != 14 {
		t.Fatalf("%d sessions, want 14", len(got.Sessions))
	}
	for i, s := range got.Sessions {
		for _, k := range []string{"start", "end", "routine", "soreness", "outcome", "steps_done", "steps_skipped", "area_seconds", "paused_seconds", "rating"} {
			if _, ok := s[k]; !ok {
				t.Errorf("session %d has no %q: %v", i, k, s)
			}
		}
		for _, k := range []string{"start", "end"} {
			if _, err := time.Parse(time.RFC3339, s[k].(string)); err != nil {
				t.Errorf("session %d %s: %v", i, k, err)
			}
		}
	}
	if got.Sessions[0]["rating"] != 5.0 || got.Sessions[2]["rating"] != nil {
		t.Errorf("ratings %v and %v, want 5 and null", got.Sessions[0]["rating"], got.Sessions[2]["rating"])
	}
	if got.Stats["streak_days"] != 4.0 || got.Stats["sessions_this_week"] != 4.0 {
		t.Errorf("stats %v", got.Stats)
	}
	last := got.Stats["area_last_covered"].(map[string]any)
	if len(last) != len(routines.Areas()) {
		t.Errorf("area_last_covered has %d areas, want every one of %d", len(last), len(routines.Areas()))
	}
	if last["chest"] != nil || last["hamstrings"] != "2026-02-23T18:00:00+01:00" {
		t.Errorf("area_last_covered chest %v, hamstrings %v", last["chest"], last["hamstrings"])
	}
}

func TestHistoryEmpty(t *testing.T) {
	path := historyEnv(t)
	r := cli(t, "history")
	r.want(t, 0)
	if !strings.HasPrefix(r.out, "No sessions yet. `cooldown` to start one.\n") || r.err != "" {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.out, r.err)
	}
	for _, want := range []string{"0 on 0 days", "Streak           0 days", "All time         0 sessions"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("no %q in\n%s", want, r.out)
		}
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("history created its state folder (stat: %v)", err)
	}

	r = cli(t, "history", "--json")
	r.want(t, 0)
	var got struct {
		Sessions []any          `json:"sessions"`
		Stats    map[string]any `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Sessions == nil || len(got.Sessions) != 0 || got.Stats["streak_days"] != 0.0 || got.Stats["sessions_this_week"] != 0.0 || got.Stats["last_session"] != nil {
		t.Errorf("empty history as JSON: %s", r.out)
	}

	// An empty file is an empty history too.
	writeHistory(t, path, "")
	r = cli(t, "history")
	r.want(t, 0)
	if !strings.HasPrefix(r.out, "No sessions yet.") || r.err != "" {
		t.Errorf("empty file: stdout:\n%s\nstderr:\n%s", r.out, r.err)
	}
}

// Bad lines are skipped with one warning each naming the line; the rest
// is shown and the file is left as it was.
func TestHistoryBadLines(t *testing.T) {
	good := strings.SplitAfter(sampleHistory(t), "\n") // 14 lines and ""
	newer := strings.Replace(good[13], `"v":1`, `"v":7`, 1)
	cut := good[12][:60]
	cases := []struct {
		name    string
		content string
		warn    []string
		shown   string // a session that must still be listed
	}{
		{"truncated last line", strings.Join(good[:12], "") + cut,
			[]string{"history.jsonl:13: skipped: truncated last line"}, "Desk reset"},
		{"garbage", strings.Join(good[:5], "") + "}}not json at all\n" + strings.Join(good[5:], ""),
			[]string{"history.jsonl:6: skipped: not a valid record"}, "Wed  4 Mar 08:00"},
		{"newer version", strings.Join(good[:13], "") + newer,
			[]string{"history.jsonl:14: skipped: not a valid record: record version 7 is newer than this cooldown understands"}, "Tue  3 Mar 18:30"},
		{"all three", strings.Join(good[:2], "") + "garbage\n" + strings.Join(good[2:13], "") + newer + cut,
			[]string{"history.jsonl:3: skipped: not a valid record", "history.jsonl:15: skipped: not a valid record: record version 7", "history.jsonl:16: skipped: truncated"}, "Tue  3 Mar 18:30"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := historyEnv(t)
			writeHistory(t, path, c.content)
			for _, args := range [][]string{{"history"}, {"history", "--json"}} {
				r := cli(t, args...)
				r.want(t, 0)
				lines := strings.Split(strings.TrimSuffix(r.err, "\n"), "\n")
				if len(lines) != len(c.warn) {
					t.Errorf("%v: %d warning lines, want %d:\n%s", args, len(lines), len(c.warn), r.err)
				}
				for i, w := range c.warn {
					if i < len(lines) && !strings.Contains(lines[i], w) {
						t.Errorf("%v: warning %d is %q, want it to contain %q", args, i+1, lines[i], w)
					}
				}
				if strings.Contains(r.out, "history.jsonl") {
					t.Errorf("%v: a warning went to stdout:\n%s", args, r.out)
				}
				if len(args) == 1 && !strings.Contains(r.out, c.shown) {
					t.Errorf("%q not shown:\n%s", c.shown, r.out)
				}
			}
			after, err := os.ReadFile(path)
			if err != nil || string(after) != c.content {
				t.Errorf("the log changed after a read (err %v)", err)
			}
		})
	}
}

// A log that cannot be read at all is an error, exit 1. A directory in
// its place makes that deterministic even for root.
func TestHistoryUnreadable(t *testing.T) {
	path := historyEnv(t)
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"history"}, {"history", "--json"}} {
		r := cli(t, args...)
		r.want(t, 1)
		if !strings.Contains(r.err, "cannot read "+path) || !strings.Contains(r.err, "is a directory") {
			t.Errorf("%v: stderr %q, want it to name the file and the cause", args, r.err)
		}
		if r.out != "" {
			t.Errorf("%v: stdout %q", args, r.out)
		}
	}
}

func TestHistoryWeeksFlag(t *testing.T) {
	writeHistory(t, historyEnv(t), sampleHistory(t))
	for _, bad := range []string{"0", "-1", "105", "1000", "abc", "2.5", ""} {
		r := cli(t, "history", "--weeks", bad)
		r.want(t, 2)
		if !strings.Contains(r.err, "weeks") {
			t.Errorf("--weeks %q: stderr %q", bad, r.err)
		}
	}
	for _, weeks := range []string{"1", "4", "52", "104"} {
		for _, width := range []int{80, 60, 50, 200} {
			asTerminal(t, width)
			r := cli(t, "history", "--weeks", weeks)
			r.want(t, 0)
			requireFits(t, r.out, width)
			if !strings.Contains(r.out, "Mon ") || !strings.Contains(r.out, "Sun ") {
				t.Errorf("--weeks %s at %d columns: no calendar\n%s", weeks, width, r.out)
			}
		}
	}
	r := cli(t, "history", "--weeks=1", "--json")
	r.want(t, 0)
	if !strings.Contains(r.out, `"from": "2026-03-02"`) || !strings.Contains(r.out, `"to": "2026-03-08"`) {
		t.Errorf("--weeks 1 --json: calendar does not start this Monday:\n%s", r.out)
	}
}

// 104 weeks at 80 columns: the calendar is cut to the latest weeks that
// fit, and says so.
func TestHistory104Weeks(t *testing.T) {
	writeHistory(t, historyEnv(t), sampleHistory(t))
	asTerminal(t, 80)
	r := cli(t, "history", "--weeks", "104")
	r.want(t, 0)
	requireFits(t, r.out, 80)
	golden.RequireEqual(t, r.out)
	if !strings.Contains(r.out, "Last 74 weeks") || !strings.Contains(r.out, "(74 of 104 weeks fit in 80 columns)") {
		t.Errorf("no cap note:\n%s", r.out)
	}
	asTerminal(t, 240)
	r = cli(t, "history", "--weeks", "104")
	r.want(t, 0)
	requireFits(t, r.out, 240)
	if !strings.Contains(r.out, "Last 104 weeks") || strings.Contains(r.out, "fit in") {
		t.Errorf("at 240 columns all 104 weeks should show:\n%s", r.out)
	}
}

func TestNewestFirst(t *testing.T) {
	at := func(h int) history.Record { return history.Record{Start: time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC)} }
	recs := []history.Record{at(5), at(1), at(9), at(5), at(7), at(2), at(9)}
	got := fmt.Sprint(newestFirst(recs, 4))
	if want := "[6 2 4 3]"; got != want { // 9 (the later line first), 9, 7, 5 (the later line)
		t.Errorf("newestFirst = %s, want %s", got, want)
	}
	if got := fmt.Sprint(newestFirst(recs, 10)); got != "[6 2 4 3 0 5 1]" {
		t.Errorf("newestFirst(all) = %s", got)
	}
}

func TestAgoText(t *testing.T) {
	now := historyNowForTest()
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{now, "today"},
		{time.Date(2026, 3, 4, 0, 0, 0, 0, cet), "today"},
		{time.Date(2026, 3, 3, 23, 59, 0, 0, cet), "yesterday"},
		{time.Date(2026, 3, 3, 23, 30, 0, 0, time.UTC), "today"}, // the 3rd in UTC, already the 4th in CET
		{time.Date(2026, 2, 23, 18, 0, 0, 0, cet), "9 days ago"},
		{time.Date(2025, 3, 4, 18, 0, 0, 0, cet), "365 days ago"},
		{time.Date(2026, 3, 5, 9, 0, 0, 0, cet), "in the future (clock?)"},
	} {
		if got := history.Ago(c.t, now); got != c.want {
			t.Errorf("history.Ago(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}

// writeBigHistory writes n realistic records, one every few hours up to
// historyNowForTest, and returns the file's size.
func writeBigHistory(b *testing.B, path string, n int) int64 {
	b.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(1, 2))
	names := [...][2]string{{"desk-reset-10", "Desk reset"}, {"post-run-15", "After a run: legs and hips"},
		{"very-sore-gentle-20", "Very sore: gentle recovery"}, {"deep-recovery-40", "Deep recovery with foam rolling"}}
	areas := routines.Areas()
	// About 5 h apart up to 20,000 sessions (11 years); denser beyond, so a
	// big log still starts after 2000, where the reader's check allows.
	gap := 5 * time.Hour
	if n > 20_000 {
		gap = 20_000 * 5 * time.Hour / time.Duration(n)
	}
	start := historyNowForTest().Add(-time.Duration(n) * gap)
	for i := range n {
		start = start.Add(gap*3/5 + time.Duration(rng.Int64N(int64(gap*4/5))))
		rt := names[rng.IntN(len(names))]
		active := 300 + rng.Float64()*2400
		r := history.Record{
			Version: 1, ID: fmt.Sprintf("%s-%d-%012x", start.UTC().Format("20060102T150405Z"), 10000+i%50000, rng.Uint64()>>16),
			Start: start, End: start.Add(time.Duration(active*float64(time.Second)) + 17*time.Second),
			Routine: rt[0], RoutineName: rt[1], Soreness: "sore", Outcome: history.OutcomeCompleted,
			StepsTotal: 12, StepsDone: 12, ActiveSeconds: active, PausedSeconds: rng.Float64() * 60,
			AreaSeconds: map[string]float64{}, Rating: rng.IntN(6),
		}
		for k := 6 + rng.IntN(7); k > 0; k-- {
			r.AreaSeconds[areas[rng.IntN(len(areas))]] = float64(rng.IntN(24000)) / 100
		}
		line, _ := json.Marshal(r)
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	info, _ := f.Stat()
	return info.Size()
}

// BenchmarkHistoryCommand runs `cooldown history` in-process on a
// 20,000-record log (the target: at most 100 ms) and a 100,000-record one
// (≈50 MB): read, statistics and the drawn output.
func BenchmarkHistoryCommand(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
		args []string
	}{{"20k/text", 20_000, []string{"history"}}, {"20k/json", 20_000, []string{"history", "--json"}},
		{"100k/text", 100_000, []string{"history"}}, {"100k/json", 100_000, []string{"history", "--json"}}} {
		b.Run(c.name, func(b *testing.B) {
			size := writeBigHistory(b, historyEnv(b), c.n)
			b.SetBytes(size)
			for b.Loop() {
				var errb strings.Builder
				if code := run(context.Background(), c.args, testStreams(io.Discard, &errb)); code != 0 || errb.Len() > 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
		})
	}
}

// The history example in README.md is what history prints for the sample
// log.
func TestHistoryReadmeExample(t *testing.T) {
	writeHistory(t, historyEnv(t), sampleHistory(t))
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "$ cooldown history\n")
	if i < 0 {
		t.Fatal("README.md has no history example")
	}
	block := text[i:]
	block = block[:strings.Index(block, "```")]
	lines := strings.Split(strings.TrimRight(block, "\n"), "\n")
	r := cli(t, "history")
	r.want(t, 0)
	out := strings.Split(r.out, "\n")
	for _, l := range lines[1:] {
		if l != "..." && !slices.Contains(out, l) {
			t.Errorf("README line %q is not in the output:\n%s", l, r.out)
		}
	}
}

// A hand-edited log with absurd numbers: the line is skipped with a
// warning naming it, and nothing shows negative or astronomical minutes.
func TestHistoryAbsurdNumbers(t *testing.T) {
	path := historyEnv(t)
	good := sess("a", 2026, 3, 4, 8, 0, "desk-reset-10", "Desk reset", 10, nil)
	bad := good
	bad.ID = "b"
	line := func(r history.Record) string {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	absurd := strings.Replace(line(bad), `"active_seconds":600`, `"active_seconds":1e300`, 1)
	if absurd == line(bad) {
		t.Fatalf("the test's edit did not apply: %s", absurd)
	}
	writeHistory(t, path, line(good)+absurd)
	for _, args := range [][]string{{"history"}, {"history", "--json"}} {
		r := cli(t, args...)
		r.want(t, exitOK)
		if !strings.Contains(r.err, "history.jsonl:2: skipped: not a valid record: active_seconds 1e+300 is more than a day") {
			t.Errorf("%v: stderr %q, want the line named", args, r.err)
		}
		if strings.Contains(r.out, "-") && strings.Contains(r.out, "e+") || strings.Contains(r.out, "1e+300") {
			t.Errorf("%v: the absurd number reached the output:\n%s", args, r.out)
		}
	}
}
