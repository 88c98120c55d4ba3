package tui

import (
	"bytes"
	"context"
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
	out, _, res := plainRun(t, context.Background(), func(o *PlainOptions) {
		o.Session.AutoAdvance = false
		o.In = strings.NewReader("\n\n")
	})
	if res.Outcome != OutcomeCompleted {
		t.Fatalf("result %+v", res)
	}
	if n := strings.Count(out, "Press Enter"); n != 2 {
		t.Fatalf("%d waits, want 2:\n%s", n, out)
	}
}
