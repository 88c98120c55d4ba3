package session

import (
	"slices"
	"testing"
	"time"

	"github.com/cooldown-app/cooldown/routines"
)

func gr(step int, d time.Duration) Segment {
	return Segment{Kind: GetReady, Step: step, Rep: 1, Dur: d}
}

func hold(step, rep int, side Side, d time.Duration) Segment {
	return Segment{Kind: Hold, Step: step, Rep: rep, Side: side, Dur: d}
}

func sw(step, rep int, side Side, d time.Duration) Segment {
	return Segment{Kind: Switch, Step: step, Rep: rep, Side: side, Dur: d}
}

func last(sg Segment) Segment { sg.LastOfStep = true; return sg }

func TestBuild(t *testing.T) {
	const gr4, sw3 = 4 * sec, 3 * sec
	tests := []struct {
		name   string
		r      *routines.Routine
		timing routines.Timing
		want   []Segment
	}{
		{
			name: "plain, per-side 2 reps, per-side roll, hydrate", r: mixed(), timing: tm,
			want: []Segment{
				gr(0, gr4), last(hold(0, 1, NoSide, 60*sec)),
				gr(1, gr4),
				hold(1, 1, Left, 20*sec), sw(1, 1, Right, sw3), hold(1, 1, Right, 20*sec),
				sw(1, 2, Left, sw3), hold(1, 2, Left, 20*sec), sw(1, 2, Right, sw3), last(hold(1, 2, Right, 20*sec)),
				gr(2, gr4), hold(2, 1, Left, 30*sec), sw(2, 1, Right, sw3), last(hold(2, 1, Right, 30*sec)),
				gr(3, gr4), last(hold(3, 1, NoSide, 10*sec)),
			},
		},
		{
			name: "no get-ready omits those segments", r: mixed(), timing: routines.Timing{Switch: sw3},
			want: []Segment{
				last(hold(0, 1, NoSide, 60*sec)),
				hold(1, 1, Left, 20*sec), sw(1, 1, Right, sw3), hold(1, 1, Right, 20*sec),
				sw(1, 2, Left, sw3), hold(1, 2, Left, 20*sec), sw(1, 2, Right, sw3), last(hold(1, 2, Right, 20*sec)),
				hold(2, 1, Left, 30*sec), sw(2, 1, Right, sw3), last(hold(2, 1, Right, 30*sec)),
				last(hold(3, 1, NoSide, 10*sec)),
			},
		},
		{
			name: "no switch omits those segments", r: mixed(), timing: routines.Timing{GetReady: gr4},
			want: []Segment{
				gr(0, gr4), last(hold(0, 1, NoSide, 60*sec)),
				gr(1, gr4),
				hold(1, 1, Left, 20*sec), hold(1, 1, Right, 20*sec), hold(1, 2, Left, 20*sec), last(hold(1, 2, Right, 20*sec)),
				gr(2, gr4), hold(2, 1, Left, 30*sec), last(hold(2, 1, Right, 30*sec)),
				gr(3, gr4), last(hold(3, 1, NoSide, 10*sec)),
			},
		},
		{
			name: "neither get-ready nor switch", r: mixed(), timing: routines.Timing{},
			want: []Segment{
				last(hold(0, 1, NoSide, 60*sec)),
				hold(1, 1, Left, 20*sec), hold(1, 1, Right, 20*sec), hold(1, 2, Left, 20*sec), last(hold(1, 2, Right, 20*sec)),
				hold(2, 1, Left, 30*sec), last(hold(2, 1, Right, 30*sec)),
				last(hold(3, 1, NoSide, 10*sec)),
			},
		},
		{
			name: "a plain step with reps has a switch gap between reps", r: routine(step(exBreathe, 30*sec, 3)), timing: tm,
			want: []Segment{
				gr(0, gr4), hold(0, 1, NoSide, 30*sec), sw(0, 2, NoSide, sw3), hold(0, 2, NoSide, 30*sec),
				sw(0, 3, NoSide, sw3), last(hold(0, 3, NoSide, 30*sec)),
			},
		},
		{
			name: "reps 0 and an unresolved exercise mean one plain hold", r: routine(routines.Step{Do: "missing", For: 15 * sec}), timing: tm,
			want: []Segment{gr(0, gr4), last(hold(0, 1, NoSide, 15*sec))},
		},
		{
			name: "empty routine", r: routine(), timing: tm,
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := Build(tc.r, tc.timing)
			if !slices.Equal(tl.Segments, tc.want) {
				t.Fatalf("segments:\n got %v\nwant %v", tl.Segments, tc.want)
			}
			if got, want := tl.Total(), tc.r.Total(tc.timing); got != want {
				t.Errorf("Total() = %v, routines.Routine.Total = %v", got, want)
			}
			if tl.Steps() != len(tc.r.Steps) {
				t.Errorf("Steps() = %d, want %d", tl.Steps(), len(tc.r.Steps))
			}
			for i := range tl.Steps() {
				first := tl.StepStart(i)
				if first != slices.IndexFunc(tl.Segments, func(sg Segment) bool { return sg.Step == i }) {
					t.Errorf("StepStart(%d) = %d is not the step's first segment", i, first)
				}
				if tl.Step(first).Do != tc.r.Steps[i].Do {
					t.Errorf("Step(%d) = %q, want %q", first, tl.Step(first).Do, tc.r.Steps[i].Do)
				}
				holds := 0
				for _, sg := range tl.Segments {
					if sg.Step == i && sg.Kind == Hold {
						holds++
					}
				}
				if holds != tc.r.Steps[i].Holds() {
					t.Errorf("step %d has %d holds, routines.Step.Holds says %d", i, holds, tc.r.Steps[i].Holds())
				}
			}
		})
	}
}

// The mixed routine's total, written out by hand, matches the comment in
// helpers_test.go that the other tests rely on.
func TestMixedTotal(t *testing.T) {
	if got := Build(mixed(), tm).Total(); got != mixedTotal {
		t.Fatalf("Total = %v, want %v", got, mixedTotal)
	}
	if got := Build(mixed(), routines.DefaultTiming()).Total(); got != mixed().Total(routines.DefaultTiming()) {
		t.Fatalf("with default timing Total = %v, want %v", got, mixed().Total(routines.DefaultTiming()))
	}
}
