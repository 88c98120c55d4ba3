package tui

import (
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/session"
	"github.com/cooldown-app/cooldown/tui/pose"
)

// Figure is what the session screen shows beside the countdown.
type Figure string

const (
	FigurePose    Figure = "pose"    // the exercise's stick figure (the body map when it has none)
	FigureBodyMap Figure = "bodymap" // the body map of the areas it works
	FigureNone    Figure = "none"    // neither
)

// next is the figure the f key switches to.
func (f Figure) next() Figure {
	switch f {
	case FigurePose:
		return FigureBodyMap
	case FigureBodyMap:
		return FigureNone
	}
	return FigurePose
}

// The stick figure sits beside the countdown from 70×18 (window size). The
// cue lines wrap into the narrower column and the body map gives way; from
// 100×30, with room below the figure, the body map is stacked under it.
const (
	PoseMinWidth  = 70
	PoseMinHeight = 18
)

// poseBox is the figure's size in cells for a body w wide and h high:
// about a third of the width, and as tall as a standing figure needs at
// that width (a lying one uses the width).
func poseBox(w, h int) (fw, fh int) {
	fw = min(max(w*7/20, 24), 52)
	fh = min(max(fw*3/7, 8), h-6)
	return fw, fh
}

// The animation during a get-ready or a switch: the figure moves from the
// start to the end position and back to the start, in cycles of about 3 s
// (a fifth still at the start, three fifths moving, a fifth still at the
// end), and rests in the end position for the last second. It draws
// figureFPS frames a second while it moves and none while it is still.
const (
	figureFPS  = 5
	figureRest = time.Second
	figureLoop = 3 * time.Second
)

// figureFrame is the animation at elapsed into a segment of the given
// length: the fraction of the way to the end position, and how long until
// the picture next changes (0: not before the segment ends). A pure
// function of the times, so every frame can be tested.
func figureFrame(elapsed, length time.Duration) (frac float64, next time.Duration) {
	active := length - figureRest
	if active < time.Second || elapsed >= active || elapsed < 0 {
		return 1, 0
	}
	n := max(1, int((active+figureLoop/2)/figureLoop))
	cycle := active / time.Duration(n)
	at := elapsed % cycle
	start, moveEnd := cycle/5, cycle*4/5
	tick := time.Second / figureFPS
	switch {
	case at < start:
		return 0, start - at
	case at >= moveEnd:
		if end := elapsed - at + cycle; end < active {
			return 1, end - elapsed
		}
		return 1, 0
	}
	// Frames fall on whole ticks from the start of the movement.
	q := (at - start) / tick * tick
	frac = float64(q) / float64(moveEnd-start)
	return min(frac, 1), min(tick-(at-start-q), moveEnd-at)
}

// figurePose is the pose to draw for the current segment, or nil when the
// screen shows no stick figure (the setting, the window size, or an
// exercise without one).
func (r *runScreen) figurePose() *routines.Pose {
	if r.figure != FigurePose || r.confirm || r.c.width < PoseMinWidth || r.c.height < PoseMinHeight {
		return nil
	}
	ex := r.sess.Timeline().Routine.Steps[r.sess.StepIndex()].Exercise
	if ex == nil {
		return nil
	}
	return ex.Pose
}

// figureNow is the frame of the figure now and how long until it changes
// (0: not in this segment). It moves only while a get-ready or a switch
// runs; in a hold it stays in the end position.
func (r *runScreen) figureNow(now time.Time) (float64, time.Duration) {
	s := r.sess
	seg := s.Segment()
	if seg.Kind != session.GetReady && seg.Kind != session.Switch {
		return 1, 0
	}
	if s.State() == session.Waiting {
		return 0, 0
	}
	frac, next := figureFrame(s.Length()-s.Remaining(now), s.Length())
	if s.State() != session.Running {
		next = 0
	}
	return frac, next
}

// figureStyles colour the figure: the working side like a worked body
// area, props faint.
func figureStyles(st Styles) *pose.Styles {
	return &pose.Styles{Body: st.Cue, Work: st.Area, Prop: st.Faint}
}

// poseLines is the pose drawn at frac in a w×h box, as lines, kept from the
// last frame when it drew the same (a hold's figure does not move).
func (r *runScreen) poseLines(p *routines.Pose, frac float64, w, h int, mirror, sided bool) []string {
	k := figKey{pose: p, frac: frac, w: w, h: h, ascii: r.c.opts.FigureASCII, mirror: mirror, sided: sided, styles: r.c.stylesGen}
	if r.kept.figLines == nil || r.kept.figKey != k {
		pic := pose.Render(p, frac, w, h, pose.Options{ASCII: k.ascii, Mirror: mirror, Sided: sided, Styles: figureStyles(r.c.styles)})
		r.kept.figKey, r.kept.figLines = k, strings.Split(pic, "\n")
	}
	return r.kept.figLines
}

// withFigure lays the column out beside the stick figure, with the body
// map under the figure when the window has room for both.
func (r *runScreen) withFigure(p *routines.Pose, w, h int) string {
	fw, fh := poseBox(w, h)
	const gap = 3
	mainW := w - fw - gap
	left := strings.Split(r.column(mainW, h), "\n")
	ex := r.sess.Timeline().Routine.Steps[r.sess.StepIndex()].Exercise
	frac, _ := r.figureNow(r.c.now())
	seg := r.sess.Segment()
	right := slices.Clone(r.poseLines(p, frac, fw, fh, seg.Side == session.Right, ex.PerSide))
	// The figure's top is level with the phase line (GET READY, HOLD),
	// which the column lowers on a tall window.
	top := 2
	for top < len(left)-1 && strings.TrimSpace(left[top]) == "" {
		top++
	}
	if bm := r.bodyMap(ex.Areas); r.c.width >= BodyMapMinWidth && top+fh+1+len(bm) <= h && fw >= bodyMapWidth {
		right = append(right, "")
		for _, l := range bm {
			right = append(right, strings.Repeat(" ", (fw-bodyMapWidth)/2)+l)
		}
	}
	for i, l := range right {
		row := top + i
		if row >= len(left) {
			break
		}
		pad := mainW - lipgloss.Width(left[row])
		left[row] += strings.Repeat(" ", max(pad, 0)+gap) + l
	}
	// The header and its rule span the whole width, over the figure too.
	if n := len(r.top(mainW)); len(left) >= n {
		left = append(r.top(w), left[n:]...)
		left = left[:min(len(left), h)]
	}
	return strings.Join(left, "\n")
}
