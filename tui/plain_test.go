package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// fakeClock jumps to each deadline instead of sleeping.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func plainRun(t *testing.T, ctx context.Context, mutate func(*PlainOptions)) (string, string, Result) {
	t.Helper()
	r, err := testLibrary(t).Routine("test-routine")
	if err != nil {
		t.Fatal(err)
	}
	var out, bell bytes.Buffer
	o := PlainOptions{
		Routine: r, Level: "sore", Session: testSessionOptions(), Units: "ml",
		Clock: &fakeClock{now: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)},
		Out:   &out, Bell: &bell,
	}
	if mutate != nil {
		mutate(&o)
	}
	res, err := RunPlain(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), bell.String(), res
}

func TestPlainRun(t *testing.T) {
	out, bells, res := plainRun(t, context.Background(), nil)
	golden.RequireEqual(t, []byte(out))
	if res.Outcome != OutcomeCompleted || res.Summary.StepsDone != 3 {
		t.Fatalf("result %+v", res)
	}
	if strings.ContainsAny(out, "\x1b\a") {
		t.Fatal("plain output holds escape codes or bells")
	}
	// go ×6 holds (1 each), switch ×3 (2 each: right side twice, rep gap
	// once is a rest, which rings as a switch), step done ×2 (3 each),
	// finished (4).
	want := 6*1 + 3*2 + 2*3 + 4
	if got := strings.Count(bells, "\a"); got != want {
		t.Fatalf("%d bells, want %d", got, want)
	}
}

func TestPlainQuiet(t *testing.T) {
	_, bells, _ := plainRun(t, context.Background(), func(o *PlainOptions) { o.Bell = nil })
	if bells != "" {
		t.Fatalf("quiet run rang %q", bells)
	}
}

func TestPlainInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, _, res := plainRun(t, ctx, nil)
	if !res.Interrupted || res.Outcome != OutcomeInterrupted {
		t.Fatalf("result %+v", res)
	}
	if !strings.Contains(out, "Interrupted") {
		t.Fatalf("output:\n%s", out)
	}
}

func TestPlainNoAutoWaitsForEnter(t *testing.T) {
	// Enter is pressed only once the prompt is out, as a person would: an
	// Enter pressed during a hold is not an answer, and with a fake clock
	// that never waits, keys sent up front would race the holds.
	prompts := &promptWriter{seen: make(chan struct{}, 16)}
	_, _, res := plainRun(t, context.Background(), func(o *PlainOptions) {
		o.Session.AutoAdvance = false
		o.Out = prompts
		o.In = enterOnPrompt(prompts.seen)
	})
	close(prompts.seen)
	if res.Outcome != OutcomeCompleted {
		t.Fatalf("result %+v", res)
	}
	out := prompts.String()
	if n := strings.Count(out, "Press Enter"); n != 2 {
		t.Fatalf("%d waits, want 2:\n%s", n, out)
	}
}

// promptWriter keeps what plain mode writes and tells each "Press Enter".
type promptWriter struct {
	bytes.Buffer
	seen chan struct{}
}

func (w *promptWriter) Write(p []byte) (int, error) {
	for range strings.Count(string(p), "Press Enter") {
		w.seen <- struct{}{}
	}
	return w.Buffer.Write(p)
}

// enterOnPrompt is a keyboard that presses Enter once per prompt.
type enterOnPrompt chan struct{}

func (e enterOnPrompt) Read(p []byte) (int, error) {
	if _, ok := <-e; !ok {
		return 0, io.EOF
	}
	p[0] = '\n'
	return 1, nil
}

// Plain mode with the breathing bell: one bell at each change of the
// pacer's phase after its first, and no extra lines for them.
func TestPlainBreathingBell(t *testing.T) {
	_, r := userRoutine(t, "b.yaml", breathingYAML, "breathe-test")
	run := func(bell bool) (string, int) {
		var out, bells bytes.Buffer
		_, err := RunPlain(context.Background(), PlainOptions{
			Routine: r, Level: "sore", Session: testSessionOptions(), Units: "ml",
			Clock: &fakeClock{now: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)},
			Out:   &out, Bell: &bells, BreathBell: bell,
		})
		if err != nil {
			t.Fatal(err)
		}
		return out.String(), strings.Count(bells.String(), "\a")
	}
	quietOut, quiet := run(false)
	out, rung := run(true)
	if out != quietOut {
		t.Fatalf("the breathing bell changed the lines:\n%s\n--\n%s", quietOut, out)
	}
	// slow 30 s: 6 phases, box 32 s: 8, sigh 18 s: 6; the first of each rings as the hold's bell.
	if want := quiet + 5 + 7 + 5; rung != want {
		t.Fatalf("%d bells with the breathing bell, %d without; want %d", rung, quiet, want)
	}
}

// Plain mode gives a drill's reps and tempo on its Go line.
func TestPlainMobility(t *testing.T) {
	_, r := userRoutine(t, "m.yaml", mobilityYAML, "loosen-test")
	var out bytes.Buffer
	if _, err := RunPlain(context.Background(), PlainOptions{Routine: r, Level: "sore", Session: testSessionOptions(), Units: "ml",
		Clock: &fakeClock{now: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)}, Out: &out}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Go: Cat-cow · 40 s · 8 reps, 5 s a rep", "Go: Ankle circles · left side · 40 s · 16 reps, 2.5 s a rep"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("no %q in\n%s", want, out.String())
		}
	}
}
