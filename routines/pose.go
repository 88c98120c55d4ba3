package routines

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// A Pose is a stick figure of an exercise in two positions, Start and End,
// drawn in a side, front or top view on a grid of units where a standing
// adult is 16 units tall: the floor at y = 0, y up, x to the right. A
// per-side exercise is drawn working its LEFT side; Mirror gives the right.
//
// It is written by hand in a routine file, e.g.
//
//	pose:
//	  props: {floor: 0, wall: 6}
//	  start: {head: [0, 15], neck: [0, 13.5], hip: [0, 8], ...}
//	  end:   {left-knee: [2, 11]}   # only the points that move
type Pose struct {
	Props      Props
	Start, End Position // End holds every point: those written and those kept from Start
	Pos        Pos      // where the pose was written
}

// Point is a place on the pose grid, in units.
type Point struct{ X, Y float64 }

// Lerp is the point a fraction f of the way from p to q.
func (p Point) Lerp(q Point, f float64) Point {
	switch {
	case f <= 0:
		return p
	case f >= 1:
		return q
	}
	return Point{p.X + (q.X-p.X)*f, p.Y + (q.Y-p.Y)*f}
}

func (p Point) dist(q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Joint names a point of a position: a joint of the figure, or the roller,
// ball or massage gun, which move with the body like joints.
type Joint int

// The joints. Left and right are the figure's own sides.
const (
	Head Joint = iota
	Neck
	Mid // the middle of the back, for a rounded or arched back; else halfway
	Hip
	LeftShoulder // defaults to the neck
	LeftElbow
	LeftHand
	LeftHip // defaults to the hip
	LeftKnee
	LeftFoot
	LeftToe // optional: the foot drawn as a line from the ankle
	RightShoulder
	RightElbow
	RightHand
	RightHip
	RightKnee
	RightFoot
	RightToe
	Roller // a foam roller, drawn as a circle
	Ball   // a small massage ball
	Gun    // the head of a massage gun, on the muscle; a hand holds its handle
	NumJoints
)

var jointNames = [NumJoints]string{
	"head", "neck", "mid", "hip",
	"left-shoulder", "left-elbow", "left-hand", "left-hip", "left-knee", "left-foot", "left-toe",
	"right-shoulder", "right-elbow", "right-hand", "right-hip", "right-knee", "right-foot", "right-toe",
	"roller", "ball", "gun",
}

func (j Joint) String() string {
	if j < 0 || j >= NumJoints {
		return fmt.Sprintf("joint(%d)", int(j))
	}
	return jointNames[j]
}

// JointNames lists every name a position may use, in order.
func JointNames() []string { return jointNames[:] }

// ParseJoint finds a joint by name.
func ParseJoint(s string) (Joint, bool) {
	for i, n := range jointNames {
		if n == s {
			return Joint(i), true
		}
	}
	return 0, false
}

// requiredJoints must be in every start position.
var requiredJoints = []Joint{Head, Neck, Hip, LeftElbow, LeftHand, LeftKnee, LeftFoot, RightElbow, RightHand, RightKnee, RightFoot}

// Left reports whether j is on the figure's left side (the working side of
// a per-side exercise).
func (j Joint) Left() bool { return j >= LeftShoulder && j <= LeftToe }

// Right reports whether j is on the figure's right side.
func (j Joint) Right() bool { return j >= RightShoulder && j <= RightToe }

// Thing reports whether j is a thing the body uses (roller, ball, gun)
// rather than a part of the body.
func (j Joint) Thing() bool { return j == Roller || j == Ball || j == Gun }

// other is the same joint on the other side.
func (j Joint) other() Joint {
	switch {
	case j.Left():
		return j + (RightShoulder - LeftShoulder)
	case j.Right():
		return j - (RightShoulder - LeftShoulder)
	}
	return j
}

// Position is where each point is. Has tells which were written; At fills
// in the optional joints that were not.
type Position struct {
	P   [NumJoints]Point
	Has [NumJoints]bool
	pos [NumJoints]Pos // where each was written, for messages
}

// At is where joint j is, with the documented defaults: shoulders at the
// neck, the side hips at the hip, the middle of the back halfway down.
func (p *Position) At(j Joint) Point {
	if p.Has[j] {
		return p.P[j]
	}
	switch j {
	case LeftShoulder, RightShoulder:
		return p.P[Neck]
	case LeftHip, RightHip:
		return p.P[Hip]
	case Mid:
		return p.P[Neck].Lerp(p.P[Hip], 0.5)
	}
	return p.P[j]
}

// Lerp is the position a fraction f of the way from p to q (both from the
// same pose, so they have the same points).
func (p *Position) Lerp(q *Position, f float64) Position {
	out := *p
	for j := range NumJoints {
		if p.Has[j] || q.Has[j] {
			out.P[j] = p.At(j).Lerp(q.At(j), f)
			out.Has[j] = true
		}
	}
	return out
}

// Props are the fixed things a pose uses. A nil pointer is a prop the
// pose does not use.
type Props struct {
	Floor *float64    // the floor line's y
	Wall  *float64    // a wall's (or door frame's) x
	Chair *Point      // the middle of the seat; its back is on the left (-x) edge
	Table *Point      // the middle of the table top
	Step  *Point      // the middle of a low step's top
	Stool *Point      // the middle of a seat without a back, for front views
	Mat   *[4]float64 // x0, y0, x1, y1 of an exercise mat, for top views
	Strap []Joint     // a strap, belt or towel between two joints
}

// Mirror is the pose for the right side: every x negated and left and
// right swapped, so the picture is the exact mirror image.
func (p *Pose) Mirror() *Pose {
	m := &Pose{Pos: p.Pos, Start: p.Start.mirror(), End: p.End.mirror()}
	neg := func(v *float64) *float64 {
		if v == nil {
			return nil
		}
		x := -*v
		return &x
	}
	flip := func(q *Point) *Point {
		if q == nil {
			return nil
		}
		return &Point{-q.X, q.Y}
	}
	m.Props = Props{Floor: p.Props.Floor, Wall: neg(p.Props.Wall), Chair: flip(p.Props.Chair),
		Table: flip(p.Props.Table), Step: flip(p.Props.Step), Stool: flip(p.Props.Stool)}
	if r := p.Props.Mat; r != nil {
		m.Props.Mat = &[4]float64{-r[2], r[1], -r[0], r[3]}
	}
	for _, j := range p.Props.Strap {
		m.Props.Strap = append(m.Props.Strap, j.other())
	}
	return m
}

func (p Position) mirror() Position {
	var m Position
	for j := range NumJoints {
		o := j.other()
		m.P[o] = Point{-p.P[j].X, p.P[j].Y}
		m.Has[o] = p.Has[j]
		m.pos[o] = p.pos[j]
	}
	return m
}

// limb is a body segment whose length the validator checks.
type limb struct {
	from, to Joint
	name     string
	length   float64 // in units; the body proportions
	min      float64 // 0 when it may shrink to nothing (shoulder, hip width)
}

// Body proportions on the 16-unit grid: head radius 1 with its centre 1.5
// from the neck, trunk 6, upper arm and forearm 3 each, thigh and shin 4
// each, foot 1.5. A limb may be drawn up to a quarter longer (rounding to
// grid points), and down to 40% of its length, because a limb pointing at
// the viewer looks short (a thigh seen from the front of a seated person).
var limbs = []limb{
	{Neck, Head, "neck", 1.5, 0.75},
	{LeftShoulder, LeftElbow, "left upper arm", 3, 0.75},
	{LeftElbow, LeftHand, "left forearm", 3, 0.75},
	{LeftHip, LeftKnee, "left thigh", 4, 0.75},
	{LeftKnee, LeftFoot, "left shin", 4, 0.75},
	{LeftFoot, LeftToe, "left foot", 1.5, 0.75},
	{RightShoulder, RightElbow, "right upper arm", 3, 0.75},
	{RightElbow, RightHand, "right forearm", 3, 0.75},
	{RightHip, RightKnee, "right thigh", 4, 0.75},
	{RightKnee, RightFoot, "right shin", 4, 0.75},
	{RightFoot, RightToe, "right foot", 1.5, 0.75},
	{Neck, LeftShoulder, "left shoulder", 1.5, 0},
	{Neck, RightShoulder, "right shoulder", 1.5, 0},
	{Hip, LeftHip, "left hip", 1, 0},
	{Hip, RightHip, "right hip", 1, 0},
}

const (
	limbLong   = 0.25 // a limb at most 25% longer than its proportion
	limbShort  = 0.40 // and at least 40% of it
	limbChange = 0.35 // changing by at most 35% of it from start to end
	trunkLen   = 6.0
	maxCoord   = 100.0
)

// optional joints may be left out; At places the body's ones.
func optional(j Joint) bool {
	switch j {
	case Mid, LeftShoulder, RightShoulder, LeftHip, RightHip, LeftToe, RightToe, Roller, Ball, Gun:
		return true
	}
	return false
}

// hasDefault joints have a place when not written (see Position.At).
func hasDefault(j Joint) bool {
	return j == Mid || j == LeftShoulder || j == RightShoulder || j == LeftHip || j == RightHip
}

// limbLen is a limb's length in a position; the trunk runs through Mid.
func limbLen(p *Position, l limb) float64 { return p.At(l.from).dist(p.At(l.to)) }

func trunkLength(p *Position) float64 {
	return p.At(Neck).dist(p.At(Mid)) + p.At(Mid).dist(p.At(Hip))
}

// pose reads a pose mapping: props, start and end.
func (d *decoder) pose(n ast.Node, path string) *Pose {
	before := d.Count()
	p := &Pose{Pos: d.Pos(n)}
	var startNode, endNode ast.Node
	ok := d.Fields(n, path, map[string]func(ast.Node, string){
		"props": func(v ast.Node, fp string) { d.props(v, fp, &p.Props) },
		"start": func(v ast.Node, fp string) {
			startNode = v
			d.position(v, fp, &p.Start)
		},
		"end": func(v ast.Node, fp string) {
			endNode = v
			d.position(v, fp, &p.End)
		},
	}, nil)
	if !ok {
		return nil
	}
	if startNode == nil {
		d.Add(n, strictyaml.JoinPath(path, "start"), "a pose needs a start position")
	}
	if endNode == nil {
		d.Add(n, strictyaml.JoinPath(path, "end"), "a pose needs an end position (write end: {} for a still pose)")
	}
	if d.Count() > before {
		return nil
	}
	var missing []string
	for _, j := range requiredJoints {
		if !p.Start.Has[j] {
			missing = append(missing, j.String())
		}
	}
	if len(missing) > 0 {
		d.Add(startNode, strictyaml.JoinPath(path, "start"), "the start position has no %s", strings.Join(missing, ", "))
	}
	for j := range NumJoints {
		if p.End.Has[j] && !p.Start.Has[j] && hasDefault(j) {
			// An end may move a joint the start leaves at its default.
			p.Start.P[j], p.Start.Has[j], p.Start.pos[j] = p.Start.At(j), true, p.End.pos[j]
		}
		if p.End.Has[j] && !p.Start.Has[j] {
			d.AddAt(p.End.pos[j].Line, p.End.pos[j].Col, strictyaml.JoinPath(path, "end."+j.String()), "%s is not in the start position; the end can only move points the start has", j)
		}
	}
	if d.Count() > before {
		return nil
	}
	// The end keeps every point it does not move.
	written := p.End.Has
	for j := range NumJoints {
		if !p.End.Has[j] && p.Start.Has[j] {
			p.End.P[j], p.End.Has[j], p.End.pos[j] = p.Start.P[j], true, p.Start.pos[j]
		}
	}
	d.checkLimbs(path, p, written)
	d.checkGun(path, p)
	for _, j := range p.Props.Strap {
		if !p.Start.Has[j] && (j == LeftToe || j == RightToe) {
			d.Add(n, strictyaml.JoinPath(path, "props.strap"), "the strap is tied to %s, which the pose does not place", j)
		}
	}
	if d.Count() > before {
		return nil
	}
	return p
}

// checkLimbs reports limbs out of body proportion in either position, and
// limbs that change length between start and end.
func (d *decoder) checkLimbs(path string, p *Pose, written [NumJoints]bool) {
	type named struct {
		name             string
		from, at         Joint // at: the joint to point at in a message
		nominal, minimum float64
		start, end       float64
	}
	var all []named
	for _, l := range limbs {
		if optional(l.to) && !p.Start.Has[l.to] {
			continue // an optional joint not drawn (a toe, a separate shoulder)
		}
		lo := 0.0
		if l.min > 0 {
			lo = l.length * limbShort
		}
		all = append(all, named{l.name, l.from, l.to, l.length, lo, limbLen(&p.Start, l), limbLen(&p.End, l)})
	}
	at := Hip
	if p.Start.Has[Mid] {
		at = Mid
	}
	all = append(all, named{"trunk (neck to hip)", Neck, at, trunkLen, trunkLen * 0.75, trunkLength(&p.Start), trunkLength(&p.End)})
	for _, l := range all {
		lo, hi := l.minimum, l.nominal*(1+limbLong)
		for _, which := range []struct {
			name string
			pos  *Position
			len  float64
		}{{"start", &p.Start, l.start}, {"end", &p.End, l.end}} {
			moved := written[l.from] || written[l.at] || (l.at == Hip || l.at == Mid) && (written[Neck] || written[Mid] || written[Hip])
			if which.name == "end" && !moved {
				continue // the same limb as the start's, reported there
			}
			if which.len < lo-1e-9 || which.len > hi+1e-9 {
				where := which.pos.pos[l.at]
				d.AddAt(where.Line, where.Col, strictyaml.JoinPath(path, which.name+"."+l.at.String()),
					"the %s is %s units long; body proportions want %s (%s–%s)", l.name, num(which.len), num(l.nominal), num(lo), num(hi))
			}
		}
		if math.Abs(l.start-l.end) > l.nominal*limbChange+1e-9 {
			where := p.End.pos[l.at]
			d.AddAt(where.Line, where.Col, strictyaml.JoinPath(path, "end."+l.at.String()),
				"the %s is %s units long at the start and %s at the end; a limb keeps its length (±%s)", l.name, num(l.start), num(l.end), num(l.nominal*limbChange))
		}
	}
}

// GunReach is how far the head of a massage gun may be from the nearer
// hand, which holds its handle: about the length of the gun.
const GunReach = 3.0

// NearerHand is the hand nearer to point q: the one holding a gun there.
func (p *Position) NearerHand(q Point) Joint {
	if p.At(RightHand).dist(q) < p.At(LeftHand).dist(q) {
		return RightHand
	}
	return LeftHand
}

// checkGun reports a massage gun that no hand holds, in either position.
func (d *decoder) checkGun(path string, p *Pose) {
	reach := func(pos *Position) float64 {
		g := pos.P[Gun]
		return pos.At(pos.NearerHand(g)).dist(g)
	}
	for _, which := range []struct {
		name string
		pos  *Position
	}{{"start", &p.Start}, {"end", &p.End}} {
		if !which.pos.Has[Gun] || which.name == "end" && math.Abs(reach(&p.End)-reach(&p.Start)) < 1e-9 {
			continue // no gun, or the end holds it as the start does (reported there)
		}
		if dist := reach(which.pos); dist > GunReach+1e-9 {
			where := which.pos.pos[Gun]
			d.AddAt(where.Line, where.Col, strictyaml.JoinPath(path, which.name+".gun"),
				"the massage gun is %s units from the nearer hand; a hand holds it, so put it within %s", num(dist), num(GunReach))
		}
	}
}

// num shows a length with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// position reads a mapping of joint names to [x, y] points.
func (d *decoder) position(n ast.Node, path string, p *Position) {
	values, ok := strictyaml.Entries(n)
	if !ok {
		d.Add(n, path, "a position must be a mapping of joints to [x, y] points, found %s", strictyaml.Describe(n))
		return
	}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		name, ok := strictyaml.KeyText(mv.Key)
		if !ok {
			d.Add(mv.Key, path, "a joint name must be plain text, found %s", strictyaml.Describe(mv.Key))
			continue
		}
		field := strictyaml.JoinPath(path, strictyaml.SafeKey(name))
		j, known := ParseJoint(name)
		if !known {
			d.Add(mv.Key, field, "unknown joint %q%s (joints: %s)", strictyaml.Shorten(name), strictyaml.Suggest(name, JointNames()), strings.Join(JointNames(), ", "))
			continue
		}
		if p.Has[j] {
			d.Add(mv.Key, field, "joint is given twice")
			continue
		}
		pt, ok := d.point(mv.Value, field)
		if !ok {
			continue
		}
		p.P[j], p.Has[j], p.pos[j] = pt, true, d.Pos(mv.Key)
	}
}

// point reads [x, y].
func (d *decoder) point(n ast.Node, path string) (Point, bool) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok || len(seq.Values) != 2 {
		d.Add(n, path, "must be a point [x, y], found %s", strictyaml.Describe(n))
		return Point{}, false
	}
	x, okx := d.number(seq.Values[0], path)
	y, oky := d.number(seq.Values[1], path)
	return Point{x, y}, okx && oky
}

func (d *decoder) number(n ast.Node, path string) (float64, bool) {
	var raw string
	switch v := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		raw = v.GetToken().Value
	default:
		d.Add(n, path, "must be a number, found %s", strictyaml.Describe(n))
		return 0, false
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > maxCoord {
		d.Add(n, path, "must be a number from -%v to %v, found %s", maxCoord, maxCoord, strictyaml.Shorten(raw))
		return 0, false
	}
	return f, true
}

func (d *decoder) props(n ast.Node, path string, p *Props) {
	one := func(dst **float64) func(ast.Node, string) {
		return func(v ast.Node, fp string) {
			if f, ok := d.number(v, fp); ok {
				*dst = &f
			}
		}
	}
	pt := func(dst **Point) func(ast.Node, string) {
		return func(v ast.Node, fp string) {
			if q, ok := d.point(v, fp); ok {
				*dst = &q
			}
		}
	}
	d.Fields(n, path, map[string]func(ast.Node, string){
		"floor": one(&p.Floor),
		"wall":  one(&p.Wall),
		"chair": pt(&p.Chair),
		"table": pt(&p.Table),
		"step":  pt(&p.Step),
		"stool": pt(&p.Stool),
		"mat": func(v ast.Node, fp string) {
			seq, ok := v.(*ast.SequenceNode)
			if !ok || len(seq.Values) != 4 {
				d.Add(v, fp, "a mat is its corners [x0, y0, x1, y1]; found %s", strictyaml.Describe(v))
				return
			}
			var r [4]float64
			for i, item := range seq.Values {
				f, ok := d.number(item, fp)
				if !ok {
					return
				}
				r[i] = f
			}
			if r[0] >= r[2] || r[1] >= r[3] {
				d.Add(v, fp, "a mat's first corner [x0, y0] must be left of and below the second [x1, y1]")
				return
			}
			p.Mat = &r
		},
		"strap": func(v ast.Node, fp string) {
			seq, ok := v.(*ast.SequenceNode)
			if !ok || len(seq.Values) != 2 {
				d.Add(v, fp, "a strap joins two joints, e.g. [left-hand, left-foot]; found %s", strictyaml.Describe(v))
				return
			}
			for _, item := range seq.Values {
				s, ok := d.RawText(item, fp)
				if !ok {
					return
				}
				j, known := ParseJoint(s)
				if !known || j.Thing() {
					d.Add(item, fp, "unknown joint %q%s", strictyaml.Shorten(s), strictyaml.Suggest(s, JointNames()))
					return
				}
				p.Strap = append(p.Strap, j)
			}
		},
	}, nil)
}

// KeyedPose is a pose given in a file's top-level poses: mapping, for an
// exercise defined anywhere (the built-in poses live in their own file).
type KeyedPose struct {
	ID   string
	Pos  Pos
	Pose *Pose
}

// poses reads the top-level poses: mapping of exercise ids to poses.
func (d *decoder) poses(n ast.Node, path string) []KeyedPose {
	values, ok := strictyaml.Entries(n)
	if !ok {
		d.Add(n, path, "must be a mapping of exercise ids to poses, found %s", strictyaml.Describe(n))
		return nil
	}
	if len(values) > MaxItems {
		d.Add(n, path, "has %d poses; at most %d are allowed", len(values), MaxItems)
		return nil
	}
	var out []KeyedPose
	seen := map[string]bool{}
	for _, mv := range values {
		if mv == nil || mv.Key == nil {
			continue
		}
		id := d.id(mv.Key, path)
		if id == "" {
			continue
		}
		field := strictyaml.JoinPath(path, strictyaml.SafeKey(id))
		if seen[id] {
			d.Add(mv.Key, field, "pose for %q is given twice", id)
			continue
		}
		seen[id] = true
		if p := d.pose(mv.Value, field); p != nil {
			out = append(out, KeyedPose{ID: id, Pos: d.Pos(mv.Key), Pose: p})
		}
	}
	return out
}

// linkPoses gives each exercise its pose from the files' poses: mappings,
// later files winning; a pose written in the exercise itself wins over all.
// A pose for no known exercise is a problem.
func linkPoses(files []*File, exercises map[string]*Exercise, ids []string) (broken, problems Problems) {
	inline := map[*Exercise]bool{}
	for _, e := range exercises {
		if e.Pose != nil {
			inline[e] = true
		}
	}
	for _, f := range files {
		for _, kp := range f.Poses {
			e, ok := exercises[kp.ID]
			if !ok {
				p := Problem{File: f.Name, Line: kp.Pos.Line, Col: kp.Pos.Col, Field: "poses." + kp.ID,
					Msg: fmt.Sprintf("pose for unknown exercise %q%s", kp.ID, strictyaml.Suggest(kp.ID, ids))}
				if f.builtin {
					broken = append(broken, p)
				} else {
					problems = append(problems, p)
				}
				continue
			}
			if !inline[e] {
				e.Pose = kp.Pose
			}
		}
	}
	return broken, problems
}

// BuiltinPoses parses the built-in poses, by exercise id. They are not
// part of Load (parsing them costs more than the rest of what starting a
// routine needs): the session screen reads them off the UI goroutine and
// hands them to AddPoses; the commands that draw poses call
// AddBuiltinPoses. An error is a bug in the shipped file.
func BuiltinPoses() (map[string]*Pose, error) {
	f, err := parseBuiltin(posesFile)
	if err != nil {
		return nil, err
	}
	return posesByID(f), nil
}

// posesByID are a file's top-level poses by exercise id.
func posesByID(f *File) map[string]*Pose {
	out := make(map[string]*Pose, len(f.Poses))
	for _, kp := range f.Poses {
		out[kp.ID] = kp.Pose
	}
	return out
}

// AddPoses gives each exercise without a pose its pose from m (the
// built-in poses): a pose of the user's, in the exercise or in a poses:
// mapping, stays. It changes the library's exercises, so call it where
// they are read (the UI goroutine).
func (l *Library) AddPoses(m map[string]*Pose) {
	for id, p := range m {
		if e, ok := l.exercises[id]; ok && e.Pose == nil {
			e.Pose = p
		}
	}
}

// AddBuiltinPoses parses the built-in poses and adds them (AddPoses),
// reporting a built-in pose for an exercise the built-in catalogue lacks.
func (l *Library) AddBuiltinPoses() error {
	f, err := parseBuiltin(posesFile)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(l.exercises))
	for id := range l.exercises {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var broken Problems
	m := make(map[string]*Pose, len(f.Poses))
	for _, kp := range f.Poses {
		m[kp.ID] = kp.Pose
		if _, ok := l.exercises[kp.ID]; !ok {
			broken = append(broken, Problem{File: posesFile, Line: kp.Pos.Line, Col: kp.Pos.Col, Field: "poses." + kp.ID,
				Msg: fmt.Sprintf("pose for unknown exercise %q%s", kp.ID, strictyaml.Suggest(kp.ID, ids))})
		}
	}
	if len(broken) > 0 {
		return broken
	}
	l.AddPoses(m)
	return nil
}
