package routines

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
)

// Limits of a plan request, in minutes.
const (
	PlanMinMinutes = 5
	PlanMaxMinutes = 60
)

// PlanRequest is what the plan builder is asked for.
type PlanRequest struct {
	Minutes int      // time available, PlanMinMinutes to PlanMaxMinutes
	Level   Level    // how sore
	Areas   []string // sore areas or groups (ExpandAreas); none means the whole body
	// LongerHolds asks for the older-adult holds: 30–60 s
	// (45 s by default) and the supported versions of stretches. Such plans
	// are user routines, so they may go past the 30 s of built-in data.
	LongerHolds bool
	// Chair asks for the chair set as a whole: seated and standing
	// supported stretches only, nothing done on the floor (no foam roller
	// either), for someone who would rather not get down and up.
	Chair bool
	// Kit is what the person has; nil means everything. Steps that need
	// what it lacks become their stand-ins (a massage gun for the roller,
	// a chair version), or are left out.
	Kit *Kit
	// Sport is what was trained (a Sport id or alias, "" for none): with
	// no Areas the plan works the sport's areas, and it loosens up with
	// the sport's mobility drill after the easy movement.
	Sport string
	// Timing is the person's get-ready and switch gaps: the plan fits the
	// minutes with the gaps they will really get. Nil means DefaultTiming
	// (zero gaps are a valid choice, so the zero Timing cannot mean that).
	Timing *Timing
}

// timing is the request's gaps, DefaultTiming when none were given.
func (req PlanRequest) timing() Timing {
	if req.Timing == nil {
		return DefaultTiming()
	}
	return *req.Timing
}

// PlanTolerance is how far a plan's total may land from the time asked.
// A plan is never longer than that; it is only shorter when the notes say why.
const PlanTolerance = 30 * time.Second

// Time limits of the plan builder (the evidence-based ranges per soreness level).
const (
	planActiveShort = 1 * time.Minute  // active floor when time is very short
	planActiveMid   = 3 * time.Minute  // active floor while areas are still being added
	planActiveMax   = 15 * time.Minute // 5–10 min, up to 15
	planBreatheMin  = 1 * time.Minute
	planBreatheStd  = 2 * time.Minute // 2–5 min
	planBreatheMax  = 5 * time.Minute
	planRollMin     = 30 * time.Second // 30–120 s per zone or side
	planHydrate     = 20 * time.Second
	planGrain       = 30 * time.Second // active and breathing lengths are multiples of this
	planMaxReps     = 2                // about 60 s per muscle group, e.g. 2 × 30 s
	planKeepAreas   = 3                // areas added before easy movement may be longer than 1 min
	// Very sore: a short, gentle set, not a full routine.
	planVeryMaxStretches = 8
	planVeryMaxRolls     = 3
)

// levelRules are the per-level numbers: hold lengths, reps, rolling and easy movement.
type levelRules struct {
	activeFloor time.Duration // the usual minimum of easy movement
	holdMin     time.Duration
	holdPref    time.Duration
	holdMax     time.Duration // growth when padding (longer holds only)
	rollPref    time.Duration
	maxReps     int
	activeMax   time.Duration // the most easy movement ever: its share of a cool-down
}

func rulesFor(l Level, longer bool) levelRules {
	var r levelRules
	switch l {
	case Fresh:
		r = levelRules{activeFloor: 5 * time.Minute,
			holdMin: 30 * time.Second, holdPref: 30 * time.Second, holdMax: 30 * time.Second,
			rollPref: 60 * time.Second, maxReps: planMaxReps, activeMax: 10 * time.Minute}
	case Sore:
		r = levelRules{activeFloor: 5 * time.Minute,
			holdMin: 20 * time.Second, holdPref: 30 * time.Second, holdMax: 30 * time.Second,
			rollPref: 45 * time.Second, maxReps: planMaxReps, activeMax: 10 * time.Minute}
	default: // VerySore
		r = levelRules{activeFloor: 8 * time.Minute,
			holdMin: 15 * time.Second, holdPref: 20 * time.Second, holdMax: 20 * time.Second,
			rollPref: 30 * time.Second, maxReps: 1, activeMax: planActiveMax}
	}
	if longer {
		r.maxReps = 1
		r.holdMin, r.holdPref, r.holdMax = 30*time.Second, 45*time.Second, 60*time.Second
		if l == VerySore {
			// Gentle: the short end of the older-adult range.
			r.holdPref, r.holdMax = r.holdMin, r.holdMin
		}
	}
	return r
}

// planPriority is the order areas get time in when there is not enough for
// all of them: the big leg muscles first, the neck last.
var planPriority = []string{
	"calves", "quads", "hamstrings", "glutes", "hips", "lower-back", "upper-back", "shoulders",
	"chest", "lats", "arms", "adductors", "it-band", "shins", "feet", "neck",
}

// wholeBodyOrder is the priority order for the whole body: it takes turns
// between legs, upper body and back, so a short plan still works the whole
// body instead of only the legs.
var wholeBodyOrder = []string{
	"calves", "shoulders", "hamstrings", "lower-back", "quads", "upper-back", "hips", "chest",
	"glutes", "neck", "lats", "adductors", "arms", "it-band", "shins", "feet",
}

// stretchPrefs lists, per area, the stretches to use, best first. Stretches
// of the user's catalogue that work the area follow (see candidates).
var stretchPrefs = map[string][]string{
	"neck":       {"neck-side-tilt"},
	"shoulders":  {"cross-body-shoulder", "thread-needle", "doorway-chest", "behind-back-clasp"},
	"chest":      {"doorway-chest", "behind-back-clasp"},
	"upper-back": {"thread-needle", "cross-body-shoulder"},
	"lower-back": {"childs-pose", "knees-to-chest", "supine-twist", "standing-side-reach"},
	"arms":       {"overhead-triceps", "wrist-flexor"},
	"lats":       {"standing-side-reach", "childs-pose", "overhead-triceps"},
	"hips":       {"kneeling-hip-flexor", "figure-four", "standing-quad", "butterfly", "crossed-leg-lean"},
	"glutes":     {"figure-four", "knees-to-chest", "supine-twist"},
	"quads":      {"standing-quad", "side-lying-quad", "kneeling-hip-flexor"},
	"hamstrings": {"supine-hamstring", "step-hamstring"},
	"adductors":  {"butterfly", "side-lunge-adductor"},
	"calves":     {"wall-calf", "wall-soleus", "supine-hamstring"},
	"shins":      {"shin-toe-drag"},
	"feet":       {"toe-extension", "shin-toe-drag"},
	"it-band":    {"crossed-leg-lean"},
}

// rollPrefs is the foam-roll zone for each area that has one. There is none
// for the neck or lower back: rolling there is unsafe.
var rollPrefs = map[string][]string{
	"calves": {"roll-calves"}, "hamstrings": {"roll-hamstrings"}, "quads": {"roll-quads"},
	"adductors": {"roll-adductors"}, "glutes": {"roll-glutes"}, "it-band": {"roll-lateral-thigh"},
	"upper-back": {"roll-upper-back"}, "lats": {"roll-lats"}, "shins": {"roll-shins"}, "feet": {"roll-feet"},
}

// relatedRolls is the foam-roll zone that eases an area that may not be
// rolled itself: the upper back carries much of a stiff neck and shoulders.
var relatedRolls = map[string]string{"neck": "roll-upper-back", "shoulders": "roll-upper-back"}

// chairSet are the chair versions of floor stretches; chairSwaps maps each
// floor stretch to its chair version. Plans use one set or the other as a
// whole: the chair set with Chair, the floor set otherwise.
var (
	chairSet   = []string{"chair-hamstring", "seated-towel-calf", "seated-figure-four", "chair-hip-flexor", "table-lat-stretch"}
	chairSwaps = map[string]string{
		"supine-hamstring": "chair-hamstring", "step-hamstring": "chair-hamstring",
		"figure-four": "seated-figure-four", "knees-to-chest": "seated-figure-four",
		"kneeling-hip-flexor": "chair-hip-flexor", "standing-quad": "chair-hip-flexor", "side-lying-quad": "chair-hip-flexor",
		"childs-pose": "table-lat-stretch",
	}
	// floorOnly are done lying, kneeling or sitting on the floor.
	floorOnly = []string{"supine-hamstring", "figure-four", "knees-to-chest", "supine-twist", "kneeling-hip-flexor",
		"side-lying-quad", "childs-pose", "thread-needle", "butterfly"}
)

// standingBalance are the stretches done on one leg or in a wide standing
// lunge: left out when very sore and for older adults, whose plans use the
// lying, kneeling and wall-supported versions.
var standingBalance = []string{"standing-quad", "step-hamstring", "side-lunge-adductor"}

// verySoreSwaps replaces standing stretches by their supported (lying,
// seated or kneeling) versions when very sore (standing balance is hard on sore legs).
var verySoreSwaps = map[string]string{
	"standing-quad":       "side-lying-quad",
	"step-hamstring":      "supine-hamstring",
	"side-lunge-adductor": "butterfly",
	"standing-side-reach": "childs-pose",
}

// olderAdultSwaps are the supported options of the older-adult flag: never a
// one-leg standing stretch for a lying or supported one, so the plan is a
// floor-and-wall set as a whole. Used with LongerHolds unless the very-sore
// swaps apply.
var olderAdultSwaps = map[string]string{
	"standing-quad":       "side-lying-quad",
	"step-hamstring":      "supine-hamstring",
	"side-lunge-adductor": "butterfly",
}

// flowOrder is the order stretches and rolls are done in: standing first,
// then kneeling, seated and lying, so nobody gets up and down. Exercises
// not listed (the user's own) follow, by id.
var flowOrder = []string{
	"roll-calves", "roll-hamstrings", "roll-quads", "roll-adductors", "roll-glutes",
	"roll-lateral-thigh", "roll-shins", "roll-feet", "roll-upper-back", "roll-lats",
	"neck-side-tilt", "cross-body-shoulder", "doorway-chest", "behind-back-clasp", "overhead-triceps",
	"wrist-flexor", "standing-side-reach", "wall-calf", "wall-soleus", "standing-quad",
	"step-hamstring", "side-lunge-adductor", "crossed-leg-lean", "shin-toe-drag",
	"kneeling-hip-flexor", "thread-needle", "childs-pose",
	"butterfly", "toe-extension",
	"side-lying-quad", "supine-hamstring", "figure-four", "knees-to-chest", "supine-twist",
}

// Step notes written into plans.
const (
	noteActiveFresh = "Easy pace, about 3 out of 10: you can still talk in full sentences."
	noteActiveSore  = "Easy pace, 2-3 out of 10: you can still talk in full sentences."
	noteActiveVery  = "Keep it very easy, about 2 out of 10."
	noteActiveUpper = "Walk easily and let your arms swing loosely."
	noteRollFresh   = "Moderate pressure, 5 out of 10 at most; one slow pass every 2-4 s."
	noteRollSore    = "Lighter pressure, below 5 out of 10; go around the hotspots."
	noteRollVery    = "Optional. Very light pressure, one slow pass every 2-4 s; skip spots too tender to touch."
	noteGunFresh    = "Lowest speed; let its weight do the work and glide slowly, never over bone."
	noteGunSore     = "Lowest speed, light touch; glide around the hotspots, never over bone."
	noteGunVery     = "Optional. Lowest speed, barely any pressure; skip spots too tender to touch."
	noteMassage     = "Knead with both hands, firm but comfortable."
	noteMassageVery = "Optional. Gentle kneading only; skip spots too tender to touch."
	noteStretchVery = "Stop at the first feeling of stretch."
)

// pick is one stretch or roll the plan may use.
type pick struct {
	ex      *Exercise
	area    int    // index in the plan's area list that it was picked for
	tier    int    // 0: the area's first stretch, 1: its second, 2: any more
	swapped string // the standing exercise it replaces, if any
}

// planner holds one request's choices while the time is fitted.
type planner struct {
	lib                      *Library
	req                      PlanRequest
	rules                    levelRules
	areas                    []string // in priority order
	whole                    bool
	stretches                []pick // tier 0 in area order, then tier 1, then tier 2
	rolls                    []pick // in area order
	active, breathe, hydrate *Exercise
	unstretched              []string // areas with no stretch at all
	capped                   []string // very sore: areas left out by the limit on stretches
	sport                    *Sport   // what was trained, if the request says
	sportAreas               bool     // the areas are the sport's, none being named
}

// rung is one configuration of the plan, from lean to rich.
type rung struct {
	areas          int           // first stretches of the first this many areas
	more           int           // the first this many further stretches (tiers 1 and 2)
	aFloor, bFloor time.Duration // floors of easy movement and breathing
	rolls          int           // the first this many rolls
	hold           time.Duration
	longRolls      int // the first this many rolls at the preferred length
	reps           int // the first this many stretches with planMaxReps reps
}

// Plan builds a routine for the request from the library's catalogue,
// following the per-level rules: easy movement first,
// then rolling and stretches for the areas (the whole body if none), slow
// breathing, and a drink last. Its total with the request's timing is within
// PlanTolerance of the minutes asked, or shorter, never longer; the notes
// say what was left out or padded, and why. The same request on the same
// library always gives the same routine. The routine's Source is empty:
// the caller says where it lives.
func (l *Library) Plan(req PlanRequest) (*Routine, []string, error) {
	if req.Minutes < PlanMinMinutes || req.Minutes > PlanMaxMinutes {
		return nil, nil, fmt.Errorf("minutes must be from %d to %d, got %d", PlanMinMinutes, PlanMaxMinutes, req.Minutes)
	}
	if !req.Level.Valid() {
		_, err := ParseLevel(string(req.Level))
		return nil, nil, err
	}
	expanded, err := ExpandAreas(req.Areas)
	if err != nil {
		return nil, nil, err
	}
	if req.Kit != nil && !req.Kit.Has(ToolFloor) && req.Kit.Has(ToolChair) {
		req.Chair = true // no floor but a chair: the chair set as a whole
	}
	p := &planner{lib: l, req: req, rules: rulesFor(req.Level, req.LongerHolds)}
	if req.Sport != "" {
		sp, err := ParseSport(req.Sport)
		if err != nil {
			return nil, nil, err
		}
		p.sport = &sp
		if len(expanded) == 0 {
			expanded, p.sportAreas = sp.Areas, true
		}
	}
	if len(expanded) == 0 || len(expanded) == len(Areas()) {
		p.whole = true
		expanded = Areas()
	}
	order := planPriority
	if p.whole {
		order = wholeBodyOrder
	}
	for _, a := range order {
		if slices.Contains(expanded, a) {
			p.areas = append(p.areas, a)
		}
	}
	if err := p.pickBasics(); err != nil {
		return nil, nil, err
	}
	p.pickStretchesAndRolls()

	ladder := p.ladder()
	target := time.Duration(req.Minutes) * time.Minute
	chosen := 0
	for i, r := range ladder {
		if p.minTotal(r) < target+PlanTolerance { // under +30 s, so the name still says the minutes asked
			chosen = i
		}
	}
	// An area that hurts is worth a small overrun; a second rep is not.
	for chosen+1 < len(ladder) && ladder[chosen+1].areas > ladder[chosen].areas &&
		p.minTotal(ladder[chosen+1]) < target+PlanTolerance {
		chosen++
	}
	if chosen+1 < len(ladder) && p.maxTotal(ladder[chosen]) < target-PlanTolerance &&
		p.minTotal(ladder[chosen+1]) <= target+PlanTolerance {
		chosen++
	}
	r := ladder[chosen]
	a, b := p.fill(r, target)
	routine := p.routine(r, a, b)
	notes := p.notes(routine, r, ladder, chosen, a, b, target)
	routine.ID, routine.Name, routine.Summary = p.names(routine)
	return routine, notes, nil
}

// pickBasics finds the movement, breathing and drink exercises.
func (p *planner) pickBasics() error {
	find := func(id string, k Kind) *Exercise {
		if e, ok := p.lib.exercises[id]; ok && e.Kind == k {
			return e
		}
		for _, e := range p.lib.Exercises() { // sorted by id
			if e.Kind == k {
				return e
			}
		}
		return nil
	}
	p.active, p.breathe, p.hydrate = find("active-easy", Active), find("breathe-slow", Breathe), find("hydrate", Hydrate)
	if p.active == nil || p.breathe == nil || p.hydrate == nil {
		return errors.New("the catalogue needs an active, a breathe and a hydrate exercise to build a plan")
	}
	return nil
}

// swaps returns the swap table that applies to the request, if any.
func (p *planner) swaps() map[string]string {
	switch {
	case p.req.Level == VerySore:
		return verySoreSwaps
	case p.req.LongerHolds:
		return olderAdultSwaps
	}
	return nil
}

func (p *planner) isKind(id string, k Kind, area string) (*Exercise, bool) {
	e, ok := p.lib.exercises[id]
	if !ok || e.Kind != k || !slices.Contains(e.Areas, area) {
		return nil, false
	}
	if k == Roll && (slices.Contains(e.Areas, "neck") || slices.Contains(e.Areas, "lower-back")) {
		return nil, false // never roll the neck or the lumbar spine
	}
	return e, true
}

// withKit is what e becomes with the request's kit: e itself, a stand-in,
// or nil when nothing the kit allows can stand in; how says how the needs
// met another way are met (no strap: hands behind the thigh).
func (p *planner) withKit(e *Exercise) (to *Exercise, how []string) {
	if p.req.Kit == nil {
		return e, nil
	}
	to, how, _ = p.lib.resolve(e, nil, *p.req.Kit, nil, 0)
	return to, how
}

// candidates lists the exercises of kind k for area, best first, with the
// level's swaps applied; swapped[i] names what candidate i replaces.
func (p *planner) candidates(area string, k Kind, prefs map[string][]string) (out []*Exercise, swapped []string) {
	ids := slices.Clone(prefs[area])
	var rest []*Exercise
	for _, e := range p.lib.Exercises() {
		if e.Kind == k && slices.Contains(e.Areas, area) && !slices.Contains(ids, e.ID) {
			rest = append(rest, e)
		}
	}
	// The user's own: those mainly for this area first, then by id.
	sort.SliceStable(rest, func(i, j int) bool {
		return rest[i].Areas[0] == area && rest[j].Areas[0] != area
	})
	for _, e := range rest {
		ids = append(ids, e.ID)
	}
	swaps := map[string]string(nil)
	if k == Stretch {
		swaps = p.swaps()
	}
	for _, id := range ids {
		from := ""
		if to, ok := swaps[id]; ok {
			if _, exists := p.isKind(to, Stretch, area); exists {
				id, from = to, id
			} else if p.req.Level == VerySore {
				if _, anywhere := p.lib.exercises[to]; anywhere {
					continue // a standing version whose supported one does not work this area
				}
			}
		}
		if k == Stretch && p.req.Chair {
			if to, ok := chairSwaps[id]; ok {
				if _, fits := p.isKind(to, Stretch, area); fits {
					id, from = to, id
				}
			}
		}
		if k == Stretch && (p.req.Level == VerySore || p.req.LongerHolds || p.req.Chair) && slices.Contains(standingBalance, id) {
			continue // no one-leg or wide standing stretch when very sore, for older adults or in a chair
		}
		if p.req.Chair && (slices.Contains(floorOnly, id) || k == Roll && id != "roll-feet") {
			continue // the chair set: nothing on the floor
		}
		if !p.req.Chair && slices.Contains(chairSet, id) {
			continue // the floor set as a whole
		}
		e, ok := p.isKind(id, k, area)
		if !ok {
			continue
		}
		if to, _ := p.withKit(e); to != e {
			if to == nil || !slices.Contains(to.Areas, area) || (k == Stretch) != (to.Kind == Stretch) {
				continue // nothing that works this area with this kit, or a stand-in of another sort
			}
			from, e = e.ID, to
		}
		if slices.Contains(out, e) {
			continue
		}
		out = append(out, e)
		swapped = append(swapped, from)
	}
	return out, swapped
}

// pickStretchesAndRolls chooses the stretches and rolls, never the same
// exercise twice: first one stretch per area, then a second stretch per
// area, then any more the catalogue has; one roll zone per area (a related
// zone for areas that may not be rolled). Very sore keeps the set short.
func (p *planner) pickStretchesAndRolls() {
	used := map[string]bool{}
	cands := make([][]*Exercise, len(p.areas))
	froms := make([][]string, len(p.areas))
	for i, a := range p.areas {
		cands[i], froms[i] = p.candidates(a, Stretch, stretchPrefs)
		if len(cands[i]) == 0 {
			p.unstretched = append(p.unstretched, a)
		}
	}
	next := make([]int, len(p.areas))
	take := func(i, tier int) bool {
		for next[i] < len(cands[i]) {
			j := next[i]
			next[i]++
			if e := cands[i][j]; !used[e.ID] {
				used[e.ID] = true
				p.stretches = append(p.stretches, pick{ex: e, area: i, tier: tier, swapped: froms[i][j]})
				return true
			}
		}
		return false
	}
	for tier := 0; tier < 2; tier++ {
		for i := range p.areas {
			take(i, tier)
		}
	}
	for more := true; more; {
		more = false
		for i := range p.areas {
			more = take(i, 2) || more
		}
	}
	if p.req.Level == VerySore && len(p.stretches) > planVeryMaxStretches {
		for _, pk := range p.stretches[planVeryMaxStretches:] {
			if pk.tier == 0 {
				p.capped = append(p.capped, p.areas[pk.area])
			}
		}
		p.stretches = p.stretches[:planVeryMaxStretches]
	}
	for i, a := range p.areas {
		if slices.Contains(p.capped, a) {
			continue
		}
		rolls, _ := p.candidates(a, Roll, rollPrefs)
		if rel, ok := p.lib.exercises[relatedRolls[a]]; ok && rel.Kind == Roll && !p.req.Chair {
			if to, _ := p.withKit(rel); to != nil && to.Kind.SoftTissue() {
				rolls = append(rolls, to)
			}
		}
		for _, e := range rolls {
			if !used[e.ID] {
				used[e.ID] = true
				p.rolls = append(p.rolls, pick{ex: e, area: i})
				break
			}
		}
	}
	if p.req.Level == VerySore && len(p.rolls) > planVeryMaxRolls {
		p.rolls = p.rolls[:planVeryMaxRolls]
	}
}

// core is the number of first stretches (tier 0); they come first in
// p.stretches, in area order.
func (p *planner) core() int {
	n := 0
	for _, pk := range p.stretches {
		if pk.tier == 0 {
			n++
		}
	}
	return n
}

// ladder lists the plan's configurations from the leanest to the richest.
// Read forwards it is where spare minutes go: one stretch per sore area
// (least important last) with easy movement at its floor, then the usual
// holds, a second stretch per area, 2 min of breathing (1 min until then),
// a second set of each, rolling, any
// further stretches the catalogue has, and only after all that (in fill)
// more easy movement and breathing. Read backwards, it is how a plan
// shrinks when time is short. Very sore, easy movement gets its 8 min once
// 3 areas are in: movement does more good than stretching then.
func (p *planner) ladder() []rung {
	ru := p.rules
	n := len(p.areas)
	var out []rung
	add := func(r rung) {
		if len(out) == 0 || out[len(out)-1] != r {
			out = append(out, r)
		}
	}
	r := rung{areas: 1, aFloor: planActiveShort, bFloor: planBreatheMin, hold: ru.holdMin}
	add(r)
	for r.areas < min(n, planKeepAreas) {
		r.areas++
		add(r)
	}
	r.aFloor = min(planActiveMid, ru.activeFloor)
	add(r)
	midAreas := n
	if p.req.Level == VerySore {
		midAreas = min(n, planKeepAreas)
	}
	for r.areas < midAreas {
		r.areas++
		add(r)
	}
	r.aFloor = ru.activeFloor
	add(r)
	for r.areas < n {
		r.areas++
		add(r)
	}
	r.hold = ru.holdPref
	add(r)
	core := p.core()
	tier1 := 0
	for _, pk := range p.stretches {
		if pk.tier == 1 {
			tier1++
		}
	}
	for r.more < tier1 {
		r.more++
		add(r)
	}
	// Breathing gets its usual 2 min once each sore area has two stretches.
	r.bFloor = planBreatheStd
	add(r)
	if ru.maxReps > 1 {
		for r.reps < core+tier1 {
			r.reps++
			add(r)
		}
	}
	for r.rolls < len(p.rolls) {
		r.rolls++
		r.longRolls = r.rolls
		add(r)
	}
	for r.more < len(p.stretches)-core {
		r.more++
		add(r)
		if ru.maxReps > 1 {
			r.reps = core + r.more
			add(r)
		}
	}
	r.hold = ru.holdMax
	add(r)
	return out
}

// content is the rolls and stretches of a rung, in flow order.
func (p *planner) content(r rung) []Step {
	var steps []Step
	for i, pk := range p.rolls {
		if i >= r.rolls {
			break
		}
		d := planRollMin
		if i < r.longRolls {
			d = p.rules.rollPref
		}
		steps = append(steps, p.step(pk.ex, d, 1))
	}
	core := p.core()
	for i, pk := range p.stretches {
		if pk.tier == 0 && pk.area >= r.areas || pk.tier > 0 && i-core >= r.more {
			continue
		}
		reps := 1
		if i < r.reps {
			reps = planMaxReps
		}
		steps = append(steps, p.step(pk.ex, r.hold, reps))
	}
	sort.SliceStable(steps, func(i, j int) bool { return flowIndex(steps[i].Do) < flowIndex(steps[j].Do) })
	return steps
}

func flowIndex(id string) int {
	if i := slices.Index(flowOrder, id); i >= 0 {
		return i
	}
	return len(flowOrder) // after the known ones; stable sort keeps area order
}

func (p *planner) step(e *Exercise, d time.Duration, reps int) Step {
	s := Step{Do: e.ID, For: d, Reps: reps, Exercise: e}
	switch {
	case e.Kind == Roll:
		s.Note = map[Level]string{Fresh: noteRollFresh, Sore: noteRollSore, VerySore: noteRollVery}[p.req.Level]
	case e.Kind == MassageGun:
		s.Note = map[Level]string{Fresh: noteGunFresh, Sore: noteGunSore, VerySore: noteGunVery}[p.req.Level]
	case e.Kind == Massage:
		s.Note = map[Level]string{Fresh: noteMassage, Sore: noteMassage, VerySore: noteMassageVery}[p.req.Level]
	case e.Kind == Stretch && p.req.Level == VerySore:
		s.Note = noteStretchVery
	}
	// Needs met another way (no strap: hands behind the thigh) say how.
	if _, how := p.withKit(e); len(how) > 0 {
		s.Note = strings.TrimSpace(strings.Join(how, " ") + " " + s.Note)
	}
	return s
}

// fixed is a rung's time without easy movement and breathing, but with
// their get-ready gaps.
func (p *planner) fixed(r rung) time.Duration {
	t := p.req.timing()
	d := t.ReadyFor(Step{Exercise: p.active}) + t.ReadyFor(Step{Exercise: p.breathe}) + p.step(p.hydrate, planHydrate, 1).Total(t)
	for _, s := range p.content(r) {
		d += s.Total(t)
	}
	if m, ok := p.drillStep(); ok {
		d += m.Total(t)
	}
	return d
}

// planUpperDrill is the mobility drill that moves the upper body in an
// upper-body plan, after the walk: a walk alone barely moves the shoulders.
const planUpperDrill = "shoulder-circles"

// drill is a mobility drill a plan loosens up with, at its tempo.
type drill struct {
	id    string
	tempo time.Duration
}

// kitDrill is a drill as the kit has it done, with the note that says how
// ("No knee pad: a folded towel under the knees.").
type kitDrill struct {
	drill
	note string
}

// sportDrills is the drill after the easy movement for each sport that has
// one: the joints that sport leaves stiff. Leg swings are not for very sore
// legs, nor for older adults (a one-leg stand): very sore and LongerHolds
// plans use the second, and the chair set anything not on the floor.
var sportDrills = map[string][2]drill{
	"run":   {{"leg-swing-front", 2500 * time.Millisecond}, {"ankle-circles", 2500 * time.Millisecond}},
	"hiit":  {{"leg-swing-front", 2500 * time.Millisecond}, {"hip-circles", 4 * time.Second}},
	"ride":  {{"cat-cow", 5 * time.Second}, {"cat-cow", 5 * time.Second}},
	"legs":  {{"hip-circles", 4 * time.Second}, {"hip-circles", 4 * time.Second}},
	"swim":  {{planUpperDrill, 2500 * time.Millisecond}, {planUpperDrill, 2500 * time.Millisecond}},
	"climb": {{planUpperDrill, 2500 * time.Millisecond}, {planUpperDrill, 2500 * time.Millisecond}},
	"upper": {{planUpperDrill, 2500 * time.Millisecond}, {planUpperDrill, 2500 * time.Millisecond}},
	"desk":  {{"seated-rotation", 4 * time.Second}, {"seated-rotation", 4 * time.Second}},
}

// chairDrill replaces a floor drill in the chair set.
var chairDrill = drill{"seated-rotation", 4 * time.Second}

// movementDrill is the drill of the plan, if any: the sport's, else the
// shoulder drill of an upper-body plan.
func (p *planner) movementDrill() (kitDrill, bool) {
	if p.sport != nil {
		if d, ok := sportDrills[p.sport.ID]; ok {
			pick := d[0]
			if p.req.Level == VerySore || p.req.LongerHolds {
				pick = d[1]
			}
			if p.req.Chair && (pick.id == "cat-cow" || pick.id == "open-book" || pick.id == "leg-swing-front") {
				pick = chairDrill
			}
			// The kit may not allow it (leg swings hold a wall or a chair):
			// its stand-in, else the sport's other drill, else none.
			for _, c := range []drill{pick, d[1]} {
				if k, ok := p.drillWithKit(c); ok {
					return k, true
				}
			}
			return kitDrill{}, false
		}
	}
	d, ok := p.drillWithKit(drill{planUpperDrill, 2500 * time.Millisecond})
	return d, ok && p.upperOnly()
}

// drillWithKit is drill d as the kit allows it: itself, a drill that
// stands in for it (seated cat-cow for cat-cow with no floor), or not at all.
func (p *planner) drillWithKit(d drill) (kitDrill, bool) {
	e, ok := p.lib.exercises[d.id]
	if !ok {
		return kitDrill{drill: d}, false
	}
	to, notes := p.withKit(e)
	if to == nil || to.Kind != Mobility || to.Count <= 0 {
		return kitDrill{drill: d}, false
	}
	return kitDrill{drill{to.ID, d.tempo}, strings.Join(notes, " ")}, true
}

// drillStep is the plan's loosening drill after the easy movement (the
// sport's, or the shoulder drill of an upper-body plan; half the reps when
// very sore), if the catalogue has it.
func (p *planner) drillStep() (Step, bool) {
	d, want := p.movementDrill()
	e, ok := p.lib.exercises[d.id]
	if !want || !ok || e.Kind != Mobility || e.Count <= 0 {
		return Step{}, false
	}
	note := "Easy movement to loosen up: slow and controlled, in a pain-free range."
	if d.id == planUpperDrill {
		note = "Easy movement to loosen up: slow, small, pain-free circles."
	}
	if d.note != "" {
		note = d.note + " " + note
	}
	s := Step{Do: e.ID, Reps: 1, Exercise: e, Note: note}
	n := e.Count
	if p.req.Level == VerySore {
		n = max(e.Count/2, 1)
		s.Count = n
	}
	s.For = time.Duration(n) * d.tempo
	return s, true
}

func (p *planner) minTotal(r rung) time.Duration { return p.fixed(r) + r.aFloor + r.bFloor }
func (p *planner) maxTotal(r rung) time.Duration {
	return p.fixed(r) + max(r.aFloor, p.rules.activeMax) + planBreatheMax
}

// fill chooses easy movement and breathing lengths, in steps of planGrain,
// that bring the rung's total nearest the target: movement first up to its
// share (10 min fresh or sore, 15 min very sore), then breathing to 5 min.
func (p *planner) fill(r rung, target time.Duration) (active, breathe time.Duration) {
	want := target - p.fixed(r)
	lo, hi := r.aFloor+r.bFloor, max(r.aFloor, p.rules.activeMax)+planBreatheMax
	s := (want / planGrain) * planGrain
	if want-s > planGrain/2 {
		s += planGrain
	}
	s = max(lo, min(hi, s))
	active, breathe = r.aFloor, r.bFloor
	rest := s - lo
	grow := func(v *time.Duration, upTo time.Duration) {
		add := max(0, min(rest, upTo-*v))
		*v += add
		rest -= add
	}
	grow(&active, max(p.rules.activeMax, r.aFloor))
	grow(&breathe, planBreatheMax)
	return active, breathe
}

func (p *planner) routine(r rung, active, breathe time.Duration) *Routine {
	note := map[Level]string{Fresh: noteActiveFresh, Sore: noteActiveSore, VerySore: noteActiveVery}[p.req.Level]
	if p.upperOnly() {
		note += " " + noteActiveUpper
	}
	steps := []Step{{Do: p.active.ID, For: active, Reps: 1, Note: note, Exercise: p.active}}
	if m, ok := p.drillStep(); ok {
		steps = append(steps, m)
	}
	steps = append(steps, p.content(r)...)
	steps = append(steps,
		Step{Do: p.breathe.ID, For: breathe, Reps: 1, Exercise: p.breathe},
		Step{Do: p.hydrate.ID, For: planHydrate, Reps: 1, Exercise: p.hydrate})
	return &Routine{Soreness: []Level{p.req.Level}, Steps: steps}
}

// upperOnly reports whether every area asked for is in the upper body, so
// the easy movement should use the arms too.
func (p *planner) upperOnly() bool {
	upper := AreaGroups()["upper-body"]
	return !p.whole && !slices.ContainsFunc(p.areas, func(a string) bool { return !slices.Contains(upper, a) })
}

// notes says what the plan left out, cut, swapped or padded, and why.
func (p *planner) notes(rt *Routine, r rung, ladder []rung, chosen int, active, breathe, target time.Duration) []string {
	notes := p.coverageNotes(rt, r)
	return append(notes, p.timeNotes(rt, r, ladder, chosen, active, breathe, target)...)
}

// coverageNotes say which areas, stretches and rolls the plan left out,
// and why.
func (p *planner) coverageNotes(rt *Routine, r rung) []string {
	var notes []string
	covered := rt.Areas()
	var in, out []string
	for _, a := range p.areas {
		if slices.Contains(covered, a) {
			in = append(in, a)
		} else if !slices.Contains(p.unstretched, a) && !slices.Contains(p.capped, a) {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		what := "areas"
		if p.whole {
			what = "areas of the whole body"
		}
		notes = append(notes, fmt.Sprintf("Only time for %d of %d %s: %s (left out: %s).",
			len(in), len(in)+len(out), what, strings.Join(in, ", "), strings.Join(out, ", ")))
	}
	if p.req.Kit != nil && *p.req.Kit != KitAll && len(p.unstretched) > 0 {
		// The catalogue has them; the kit rules them out.
		notes = append(notes, fmt.Sprintf("No stretch for the %s with your kit (%s).", joinAnd(p.unstretched), p.req.Kit.Describe()))
	}
	for _, a := range p.unstretched {
		if p.req.Kit != nil && *p.req.Kit != KitAll {
			break
		}
		if p.req.Level == VerySore || p.req.LongerHolds {
			notes = append(notes, fmt.Sprintf("The catalogue has no lying, seated or supported stretch for the %s.", a))
		} else {
			notes = append(notes, fmt.Sprintf("The catalogue has no stretch for the %s.", a))
		}
	}
	if len(p.capped) > 0 {
		notes = append(notes, fmt.Sprintf("Very sore: at most %d gentle stretches, so the %s wait for another day.",
			planVeryMaxStretches, joinAnd(p.capped)))
	}
	if len(p.rolls) > 0 && r.rolls < len(p.rolls) && len(out) == 0 {
		if r.rolls == 0 {
			notes = append(notes, "No time for foam rolling: stretches come first when time is short.")
		} else {
			var missing []string
			for _, pk := range p.rolls[r.rolls:] {
				missing = append(missing, p.areas[pk.area])
			}
			notes = append(notes, fmt.Sprintf("No time to foam roll the %s; stretches come first when time is short.", joinAnd(missing)))
		}
	}
	if r.rolls > 0 && p.req.Level == VerySore {
		notes = append(notes, "Very sore: rolling is optional, very light and 30 s; skip any area too tender to touch.")
	}
	return notes
}

// timeNotes say how the time was fitted: movement cut, holds shortened or
// longer, supported swaps, what fills spare time, and a plan shorter than
// asked.
func (p *planner) timeNotes(rt *Routine, r rung, ladder []rung, chosen int, active, breathe, target time.Duration) []string {
	var notes []string
	total := rt.Total(p.req.timing())
	if active < p.rules.activeFloor {
		usual := map[Level]string{Fresh: "5 min", Sore: "5–10 min", VerySore: "8–15 min"}[p.req.Level]
		notes = append(notes, fmt.Sprintf("Easy movement cut to %s to fit the time (%s is usual when %s).",
			Friendly(active), usual, levelWord(p.req.Level)))
	}
	short := ""
	if r.hold < p.rules.holdPref {
		short = ", the short end of the range, to fit the time"
	}
	if p.req.LongerHolds {
		notes = append(notes, fmt.Sprintf("Longer holds of %s (30–60 s suits older adults)%s; breathe normally and keep the tension mild.", Friendly(r.hold), short))
	} else if short != "" {
		notes = append(notes, fmt.Sprintf("Holds of %s%s.", Friendly(r.hold), short))
	}
	var swaps, kitSwaps []string
	for _, pk := range p.stretches {
		if pk.swapped == "" || pk.area >= r.areas {
			continue
		}
		name := pk.swapped
		e, ok := p.lib.exercises[pk.swapped]
		if ok {
			name = e.Name
		}
		if to, _ := p.withKit(e); ok && to != e {
			kitSwaps = append(kitSwaps, fmt.Sprintf("%s instead of %s", pk.ex.Name, name))
			continue
		}
		swaps = append(swaps, fmt.Sprintf("%s instead of %s", pk.ex.Name, name))
	}
	if p.req.Kit != nil && *p.req.Kit != KitAll {
		n := fmt.Sprintf("Made for your kit (%s)", p.req.Kit.Describe())
		var tools []string
		for _, pk := range p.rolls[:min(r.rolls, len(p.rolls))] {
			if pk.ex.Kind != Roll {
				tools = append(tools, pk.ex.Name)
			}
		}
		if len(tools) > 0 {
			kitSwaps = append(kitSwaps, strings.Join(tools, ", ")+" in place of foam rolling")
		}
		if len(kitSwaps) > 0 {
			n += ": " + strings.Join(kitSwaps, "; ")
		}
		notes = append(notes, n+".")
	}
	if p.req.Chair {
		notes = append(notes, "Chair set: use a steady chair without wheels, against a wall; no foam roller on the floor.")
	}
	if len(swaps) > 0 {
		why := "Very sore: supported versions, no balancing"
		switch {
		case p.req.Chair:
			why = "Chair set, nothing on the floor"
		case p.req.Level != VerySore:
			why = "Longer holds: supported versions"
		}
		notes = append(notes, why+": "+strings.Join(swaps, "; ")+".")
	}
	var pads []string
	if active > p.rules.activeFloor {
		pads = append(pads, "easy movement "+Friendly(active))
	}
	if breathe > planBreatheStd {
		pads = append(pads, "slow breathing "+Friendly(breathe))
	}
	if len(pads) > 0 {
		if p.req.LongerHolds && r.hold > p.rules.holdPref {
			pads = append(pads, Friendly(r.hold)+" holds")
		}
		notes = append(notes, fmt.Sprintf("To fill the time: %s.", joinAnd(pads)))
	}
	if total < target-PlanTolerance && chosen == len(ladder)-1 {
		what := "the " + joinAnd(p.areas)
		if p.whole {
			what = "the whole body"
		}
		if len(p.capped) > 0 {
			notes = append(notes, fmt.Sprintf("This plan takes %s, not %d min: a very-sore plan keeps to %d gentle stretches "+
				"and at most %d light roll zones, and easy movement and breathing are at their longest.",
				Friendly(total), p.req.Minutes, planVeryMaxStretches, planVeryMaxRolls))
		} else {
			notes = append(notes, fmt.Sprintf("This plan takes %s, not %d min: every stretch and roll for %s is in, "+
				"and easy movement and breathing are at their longest. Name more areas to use more time.",
				Friendly(total), p.req.Minutes, what))
		}
	}
	return notes
}

// adjComma is the level as the start of a sport plan's name: "sore, ".
func adjComma(l Level) string {
	if l == Fresh {
		return ""
	}
	return levelWord(l) + ", "
}

func levelWord(l Level) string {
	if l == VerySore {
		return "very sore"
	}
	return string(l)
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// label is the request's areas as named: groups (sorted), then areas in
// vocabulary order that no named group includes. Empty for the whole body.
func (p *planner) label() []string {
	if p.whole {
		return nil
	}
	groups := AreaGroups()
	var gs, as []string
	seen := map[string]bool{}
	for _, n := range p.req.Areas {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		if _, ok := groups[n]; ok {
			gs = append(gs, n)
		}
	}
	sort.Strings(gs)
	for _, a := range Areas() {
		if !seen[a] {
			continue
		}
		inGroup := false
		for _, g := range gs {
			inGroup = inGroup || slices.Contains(groups[g], a)
		}
		if !inGroup {
			as = append(as, a)
		}
	}
	return append(gs, as...)
}

// names makes the plan's id, name and summary from the request and the
// routine's actual length, e.g. plan-12m-sore-calves and "Today: 12 min,
// sore calves".
func (p *planner) names(rt *Routine) (id, name, summary string) {
	mins := Minutes(rt.Total(p.req.timing()))
	lvl := string(p.req.Level)
	lab := p.label()
	long, longName := "", ""
	if p.req.LongerHolds {
		long, longName = "-long", ", long holds"
	}
	if p.req.Chair {
		long, longName = long+"-chair", longName+", chair"
	}
	adj := ""
	if p.req.Level != Fresh {
		adj = levelWord(p.req.Level) + " "
	}
	what := adj + strings.Join(lab, ", ")
	idPart := strings.Join(lab, "-")
	switch {
	case p.sportAreas:
		what, idPart = adjComma(p.req.Level)+p.sport.After, "after-"+p.sport.ID
	case p.whole:
		what, idPart = "whole body", "full-body"
		if p.req.Level != Fresh {
			what += ", " + levelWord(p.req.Level)
		}
	}
	id = fmt.Sprintf("plan-%dm-%s-%s%s", mins, lvl, idPart, long)
	if len(id) > maxIDLen {
		h := fnv.New32a()
		h.Write([]byte(strings.Join(lab, ",")))
		id = fmt.Sprintf("plan-%dm-%s-%d-areas-%06x%s", mins, lvl, len(p.areas), h.Sum32()&0xffffff, long)
	}
	name = fmt.Sprintf("Today: %d min, %s%s", mins, what, longName)
	if len([]rune(name)) > 48 && p.sportAreas {
		// The sport says more than the level or the options: keep it.
		what = p.sport.After
		for _, n := range []string{
			fmt.Sprintf("Today: %d min, %s%s", mins, what, longName),
			fmt.Sprintf("Today: %d min, %s", mins, what),
		} {
			if name = n; len([]rune(n)) <= 48 {
				break
			}
		}
	} else if len([]rune(name)) > 48 {
		what = fmt.Sprintf("%d %sareas", len(p.areas), adj)
		name = fmt.Sprintf("Today: %d min, %s%s", mins, what, longName)
	}
	// The summary names what the plan has: with a kit that may be a gun
	// in place of a roller, or no stretch at all.
	parts := []string{"easy movement"}
	has := func(what string) {
		if !slices.Contains(parts, what) {
			parts = append(parts, what)
		}
	}
	for _, kind := range []Kind{Roll, MassageGun, Massage, Stretch} {
		for _, s := range rt.Steps {
			if s.Exercise == nil || s.Exercise.Kind != kind {
				continue
			}
			switch {
			case kind == MassageGun:
				has("massage gun")
			case kind == Massage:
				has("self-massage")
			case kind == Stretch:
				has("stretches")
			case slices.ContainsFunc(NeedsOf(s), func(n Need) bool { return slices.Contains(n, ToolBall) }):
				has("massage ball")
			default:
				has("foam rolling")
			}
		}
	}
	parts = append(parts, "slow breathing", "water")
	switch {
	case p.sportAreas:
		summary = fmt.Sprintf("Built by cooldown plan %s: %s.", strings.TrimPrefix(what, adjComma(p.req.Level)), joinAnd(parts))
		return id, name, summary
	case p.whole:
		what = "the " + what
	}
	summary = fmt.Sprintf("Built by cooldown plan for %s: %s.", what, joinAnd(parts))
	return id, name, summary
}

// MarshalRoutine writes a routine as a routine file that Parse accepts:
// a comment header saying it was generated on the date given (and any
// comment lines), then the routine under routines:, its steps naming
// exercises by id. Exercises are not written: they come from the catalogue.
func MarshalRoutine(r *Routine, generated time.Time, comments ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Generated by `cooldown plan` on %s. Check it with `cooldown validate`.\n", generated.Format("2006-01-02"))
	for _, c := range comments {
		if c = strictyaml.Clean(c); c != "" {
			b.WriteString("# " + c + "\n")
		}
	}
	b.WriteString("routines:\n")
	b.WriteString("  - id: " + yamlQuote(r.ID) + "\n")
	b.WriteString("    name: " + yamlQuote(r.Name) + "\n")
	levels := make([]string, len(r.Soreness))
	for i, l := range r.Soreness {
		levels[i] = yamlQuote(string(l))
	}
	b.WriteString("    soreness: [" + strings.Join(levels, ", ") + "]\n")
	if r.Summary != "" {
		b.WriteString("    summary: " + yamlQuote(r.Summary) + "\n")
	}
	b.WriteString("    steps:\n")
	for _, s := range r.Steps {
		b.WriteString("      - do: " + yamlQuote(s.Do) + "\n")
		b.WriteString("        for: " + formatDuration(s.For) + "\n")
		if s.Reps > 1 {
			fmt.Fprintf(&b, "        reps: %d\n", s.Reps)
		}
		if s.Count > 0 {
			fmt.Fprintf(&b, "        count: %d\n", s.Count)
		}
		if s.Note != "" {
			b.WriteString("        note: " + yamlQuote(s.Note) + "\n")
		}
	}
	return b.Bytes()
}

// formatDuration writes a duration the way ParseDuration reads it: 30s,
// 2m, 1m30s.
func formatDuration(d time.Duration) string { return minutesSeconds(d, "m", "s", "") }

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u2028' || r == '\u2029' || r == '\uFEFF':
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
