package pose

import (
	"math"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

// A massage ball is drawn where it can be: resting on the floor, on a
// chair seat or against the wall, and pressing on the body, in both
// positions. The body's lines are its middle, so a gap of up to 0.8 units
// is the flesh between the line and the skin (a buttock on the ball); the
// ball may overlap a limb's line a little, where the limb sinks onto it.
// A per-side pose presses the working side (or the trunk): in a side view
// the other leg may pass behind the ball.
func TestBallRestsOnSomethingAndTouchesTheBody(t *testing.T) {
	const maxGap, maxSink, slack = 0.8, 0.3, 0.1
	n := 0
	for _, e := range builtinPoses(t) {
		p := e.Pose
		if !p.Start.Has[routines.Ball] {
			continue
		}
		n++
		for name, pos := range map[string]*routines.Position{"start": &p.Start, "end": &p.End} {
			b := pos.P[routines.Ball]
			if !restsOn(p.Props, b, slack) {
				t.Errorf("%s %s: the ball at %v rests on no floor, seat or wall", e.ID, name, b)
			}
			gap := nearestBody(pos, b, e.PerSide) - ballR
			if gap > maxGap || gap < -maxSink {
				t.Errorf("%s %s: the ball at %v is %.2f units from the body, want -%v to %v", e.ID, name, b, gap, maxSink, maxGap)
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in pose has a ball")
	}
}

func restsOn(pr routines.Props, b routines.Point, slack float64) bool {
	near := func(a, c float64) bool { return math.Abs(a-c) <= slack }
	if pr.Floor != nil && near(b.Y-ballR, *pr.Floor) {
		return true
	}
	if q := pr.Chair; q != nil && near(b.Y-ballR, q.Y) && math.Abs(b.X-q.X) <= seatHalf {
		return true
	}
	return pr.Wall != nil && (near(b.X-ballR, *pr.Wall) || near(b.X+ballR, *pr.Wall))
}

// nearestBody is the distance from q to the nearest line of the figure:
// of its trunk and working (left) side only when workingOnly.
func nearestBody(pos *routines.Position, q routines.Point, workingOnly bool) float64 {
	chains := [][]routines.Joint{
		{routines.Head, routines.Neck, routines.Mid, routines.Hip},
		{routines.Neck, routines.LeftShoulder, routines.LeftElbow, routines.LeftHand},
		{routines.Hip, routines.LeftHip, routines.LeftKnee, routines.LeftFoot, routines.LeftToe},
	}
	if !workingOnly {
		chains = append(chains,
			[]routines.Joint{routines.Neck, routines.RightShoulder, routines.RightElbow, routines.RightHand},
			[]routines.Joint{routines.Hip, routines.RightHip, routines.RightKnee, routines.RightFoot, routines.RightToe})
	}
	best := math.Inf(1)
	for _, c := range chains {
		for i := 0; i+1 < len(c); i++ {
			if (c[i+1] == routines.LeftToe || c[i+1] == routines.RightToe) && !pos.Has[c[i+1]] {
				continue
			}
			best = min(best, segDist(q, pos.At(c[i]), pos.At(c[i+1])))
		}
	}
	return best
}

func segDist(q, a, b routines.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	k := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		k = max(0, min(1, ((q.X-a.X)*dx+(q.Y-a.Y)*dy)/l))
	}
	return math.Hypot(q.X-a.X-k*dx, q.Y-a.Y-k*dy)
}

// A hand self-massage is drawn with both hands on the working leg, in
// both positions (within 0.8 units of its line: the hands are on the skin).
func TestMassageHandsOnTheLeg(t *testing.T) {
	n := 0
	for _, e := range builtinPoses(t) {
		if e.Kind != routines.Massage {
			continue
		}
		n++
		leg := []routines.Joint{routines.LeftHip, routines.LeftKnee, routines.LeftFoot, routines.LeftToe}
		for name, pos := range map[string]*routines.Position{"start": &e.Pose.Start, "end": &e.Pose.End} {
			for _, h := range []routines.Joint{routines.LeftHand, routines.RightHand} {
				d := math.Inf(1)
				for i := 0; i+1 < len(leg); i++ {
					if leg[i+1] == routines.LeftToe && !pos.Has[routines.LeftToe] {
						continue
					}
					d = min(d, segDist(pos.At(h), pos.At(leg[i]), pos.At(leg[i+1])))
				}
				if d > 0.8 {
					t.Errorf("%s %s: the %s is %.2f units from the working leg", e.ID, name, h, d)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in hand massage")
	}
}
