package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// goodUser is a valid user routine written next to every bad file: it must
// still load.
const goodUser = `# A routine a trainer wrote.
routines:
  - id: my-good-one
    name: My good one
    soreness: [sore]
    steps:
      - do: wall-calf
        for: 30s
      - do: hydrate
        for: 20s
`

// baseRoutine is a valid routine; the bad cases change one thing in it.
//
//	line 2: "  - id: bad-one"        id at col 5, value at col 9
//	line 3: "    name: Bad one"      value at col 11
//	line 4: "    soreness: [fresh]"  '[' at col 15, fresh at col 16
//	line 5: "    steps:"
//	line 6: "      - do: wall-calf"  '-' at col 7, do at col 9, value at col 13
//	line 7: "        for: 30s"       for at col 9, value at col 14
const baseRoutine = `routines:
  - id: bad-one
    name: Bad one
    soreness: [fresh]
    steps:
      - do: wall-calf
        for: 30s
`

// baseExercise is a valid exercise; the bad cases change one thing in it.
//
//	line 2: "  - id: my-stretch"     id at col 5, value at col 9
//	line 4: "    kind: stretch"      value at col 11
//	line 5: "    areas: [calves]"    '[' at col 12, calves at col 13
//	line 6: "    per_side: true"     value at col 15
const baseExercise = `exercises:
  - id: my-stretch
    name: My stretch
    kind: stretch
    areas: [calves]
    per_side: true
    cues: [Lean in., Keep the heel down.]
    caution: Ease off if the Achilles hurts.
`

// edit replaces old with new in s, failing loudly if old is missing so a
// typo in the table cannot make a case test the wrong thing.
func edit(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("edit: %q not in\n%s", old, s))
	}
	return strings.Replace(s, old, new, 1)
}

// forIs is baseRoutine with the step's duration written as v.
func forIs(v string) string { return edit(baseRoutine, "for: 30s", "for: "+v) }

type wantProblem struct {
	line, col int
	field     string // exact field path; "" for the whole file
	msg       string // a key phrase of the message
}

type badFile struct {
	name string
	src  string
	// setup, if set, makes the bad file itself in dir and returns its path
	// (for things that are not text: folders, links, huge files).
	setup func(t *testing.T, dir string) string
	want  []wantProblem // in file order
}

func badFiles() []badFile {
	return []badFile{
		// --- YAML syntax ---
		{name: "syntax unclosed flow list", src: edit(baseRoutine, "name: Bad one", "name: [Bad one"),
			want: []wantProblem{{4, 5, "", "YAML syntax: ',' or ']' must be specified"}}},
		{name: "syntax bad indentation", src: edit(baseRoutine, "    name: Bad one", "   name: Bad one"),
			want: []wantProblem{{3, 4, "", "YAML syntax"}}},
		{name: "syntax tab indentation", src: edit(baseRoutine, "    name: Bad one", "\tname: Bad one"),
			want: []wantProblem{{3, 1, "", "a tab in the indentation"}}},
		{name: "syntax tab after spaces", src: edit(baseRoutine, "    name: Bad one", "  \tname: Bad one"),
			want: []wantProblem{{3, 3, "", "a tab in the indentation"}}},
		{name: "syntax unterminated quote", src: edit(baseRoutine, "name: Bad one", `name: "Bad one`),
			want: []wantProblem{{3, 11, "", "YAML syntax"}}},

		// --- unknown fields ---
		{name: "unknown top-level key", src: edit(baseRoutine, "routines:", "routine:"),
			want: []wantProblem{{1, 1, "routine", `unknown field (did you mean "routines"?)`}}},
		{name: "unknown field in exercise", src: edit(baseExercise, "    areas:", "    area:"),
			want: []wantProblem{{5, 5, "exercises[0].area", `unknown field (did you mean "areas"?)`}}},
		{name: "unknown field in routine", src: edit(baseRoutine, "    steps:", "    sumary: Calves.\n    steps:"),
			want: []wantProblem{{5, 5, "routines[0].sumary", `unknown field (did you mean "summary"?)`}}},
		{name: "unknown field in step", src: edit(baseRoutine, "for: 30s", "for: 30s\n        repz: 2"),
			want: []wantProblem{{8, 9, "routines[0].steps[0].repz", `unknown field (did you mean "reps"?)`}}},
		{name: "a total is computed, never typed in", src: edit(baseRoutine, "    steps:", "    total: 10m\n    steps:"),
			want: []wantProblem{{5, 5, "routines[0].total", "unknown field"}}},

		// --- missing required fields ---
		{name: "missing routine id", src: edit(baseRoutine, "  - id: bad-one\n    name:", "  - name:"),
			want: []wantProblem{{2, 5, "routines[0].id", "required field is missing"}}},
		{name: "missing routine name", src: edit(baseRoutine, "    name: Bad one\n", ""),
			want: []wantProblem{{2, 5, "routines[0].name", "required field is missing"}}},
		{name: "missing exercise kind", src: edit(baseExercise, "    kind: stretch\n", ""),
			want: []wantProblem{{2, 5, "exercises[0].kind", "required field is missing"}}},
		{name: "missing soreness", src: edit(baseRoutine, "    soreness: [fresh]\n", ""),
			want: []wantProblem{{2, 5, "routines[0].soreness", "required field is missing"}}},
		{name: "missing steps", src: "routines:\n  - id: bad-one\n    name: Bad one\n    soreness: [fresh]\n",
			want: []wantProblem{{2, 5, "routines[0].steps", "required field is missing"}}},
		{name: "missing do", src: edit(baseRoutine, "      - do: wall-calf\n        for: 30s", "      - for: 30s"),
			want: []wantProblem{{6, 9, "routines[0].steps[0].do", "required field is missing"}}},
		{name: "missing for", src: edit(baseRoutine, "      - do: wall-calf\n        for: 30s", "      - do: wall-calf"),
			want: []wantProblem{{6, 9, "routines[0].steps[0].for", "required field is missing"}}},
		{name: "empty name after cleaning", src: edit(baseRoutine, "name: Bad one", `name: "\e[2J\e[H"`),
			want: []wantProblem{{3, 11, "routines[0].name", "name must not be empty"}}},
		{name: "name of invisible characters", src: edit(baseRoutine, "name: Bad one", `name: "\u200b\u2060\u3164\ufe0f"`),
			want: []wantProblem{{3, 11, "routines[0].name", "name must not be empty (it has only characters that show nothing)"}}},
		{name: "exercise name of invisible characters", src: edit(baseExercise, "name: My stretch", "name: \u200d\u00ad"),
			want: []wantProblem{{3, 11, "exercises[0].name", "name must not be empty"}}},

		// --- wrong types ---
		{name: "list where text expected", src: edit(baseRoutine, "name: Bad one", "name: [Bad, one]"),
			want: []wantProblem{{3, 11, "routines[0].name", "must be text, found a list"}}},
		{name: "text where list expected", src: edit(baseRoutine, "soreness: [fresh]", "soreness: fresh"),
			want: []wantProblem{{4, 15, "routines[0].soreness", `must be a list, found "fresh"`}}},
		{name: "mapping where text expected", src: edit(baseRoutine, "name: Bad one", "name: {first: Bad}"),
			want: []wantProblem{{3, 11, "routines[0].name", "must be text, found a mapping"}}},
		{name: "number for per_side", src: edit(baseExercise, "per_side: true", "per_side: 1"),
			want: []wantProblem{{6, 15, "exercises[0].per_side", "must be true or false, found the number 1"}}},
		{name: "per_side on a movement", src: edit(edit(baseExercise, "kind: stretch", "kind: active"), "    areas: [calves]\n", "    areas: [calves]\n"),
			want: []wantProblem{{6, 15, "exercises[0].per_side", "an active exercise has no sides; per_side is only for a stretch, a mobility drill or soft-tissue work (roll, gun, massage)"}}},
		{name: "per_side on a drink", src: edit(edit(baseExercise, "kind: stretch", "kind: hydrate"), "    areas: [calves]\n", ""),
			want: []wantProblem{{5, 15, "exercises[0].per_side", "a hydrate exercise has no sides"}}},
		{name: "reps as text", src: edit(baseRoutine, "for: 30s", "for: 30s\n        reps: two"),
			want: []wantProblem{{8, 15, "routines[0].steps[0].reps", `must be a whole number, found "two"`}}},
		{name: "routine is not a mapping", src: "routines:\n  - just a line\n",
			want: []wantProblem{{2, 5, "routines[0]", `must be a mapping of fields, found "just a line"`}}},
		{name: "empty list entry", src: "routines:\n  -\n" + strings.TrimPrefix(baseRoutine, "routines:\n"),
			want: []wantProblem{{2, 3, "routines[0]", "must be a mapping of fields, found nothing"}}},
		{name: "top level is a list", src: "- id: bad-one\n",
			want: []wantProblem{{1, 1, "", "must be a mapping of fields, found a list"}}},
		{name: "routines given nothing", src: "routines:\n",
			want: []wantProblem{{1, 1, "routines", "must be a list, found nothing"}}},

		// --- durations ---
		// A bare number is seconds (the one duration grammar), so zero is
		// too short however it is written.
		{name: "duration bare zero", src: forIs("0"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", `duration "0" must be longer than zero`}}},
		{name: "duration quoted bare zero", src: forIs(`"0"`),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "must be longer than zero"}}},
		{name: "duration abc", src: forIs("abc"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", `bad duration "abc"`}}},
		{name: "duration negative", src: forIs("-5s"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "must be longer than zero"}}},
		{name: "duration zero", src: forIs("0s"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "must be longer than zero"}}},
		{name: "duration fraction", src: forIs("1.5s"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "must be whole seconds"}}},
		{name: "duration milliseconds", src: forIs("500ms"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", `bad duration "500ms": write seconds or minutes`}}},
		{name: "duration hours", src: forIs("2h"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", `bad duration "2h"`}}},
		{name: "duration over the limit", src: forIs("31m"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "longer than the 30m0s limit"}}},
		{name: "duration empty string", src: forIs(`""`),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "duration is empty"}}},
		{name: "duration missing value", src: forIs(""),
			want: []wantProblem{{7, 9, "routines[0].steps[0].for", "must be a duration such as 30s, 2m or 1m30s, found nothing"}}},
		{name: "duration as a list", src: forIs("[30s]"),
			want: []wantProblem{{7, 14, "routines[0].steps[0].for", "must be a duration such as 30s, 2m or 1m30s, found a list"}}},

		// --- reps ---
		{name: "reps zero", src: edit(baseRoutine, "for: 30s", "for: 30s\n        reps: 0"),
			want: []wantProblem{{8, 15, "routines[0].steps[0].reps", "must be from 1 to 10, found 0"}}},
		{name: "reps eleven", src: edit(baseRoutine, "for: 30s", "for: 30s\n        reps: 11"),
			want: []wantProblem{{8, 15, "routines[0].steps[0].reps", "must be from 1 to 10, found 11"}}},
		{name: "reps fraction", src: edit(baseRoutine, "for: 30s", "for: 30s\n        reps: 1.5"),
			want: []wantProblem{{8, 15, "routines[0].steps[0].reps", "must be a whole number, found the number 1.5"}}},

		// --- vocabulary ---
		{name: "unknown soreness level", src: edit(baseRoutine, "[fresh]", "[fresh, verysore]"),
			want: []wantProblem{{4, 23, "routines[0].soreness[1]", `unknown soreness level "verysore" (did you mean "very-sore"?)`}}},
		{name: "soreness listed twice", src: edit(baseRoutine, "[fresh]", "[fresh, fresh]"),
			want: []wantProblem{{4, 23, "routines[0].soreness[1]", `soreness level "fresh" is listed twice`}}},
		{name: "no soreness level", src: edit(baseRoutine, "[fresh]", "[]"),
			want: []wantProblem{{4, 15, "routines[0].soreness", "name at least one soreness level"}}},
		{name: "unknown kind", src: edit(baseExercise, "kind: stretch", "kind: strech"),
			want: []wantProblem{{4, 11, "exercises[0].kind", `unknown kind "strech" (did you mean "stretch"?)`}}},
		{name: "unknown area", src: edit(baseExercise, "[calves]", "[calves, hamstring]"),
			want: []wantProblem{{5, 21, "exercises[0].areas[1]", `unknown body area "hamstring" (did you mean "hamstrings"?)`}}},
		{name: "area group is not an area", src: edit(baseExercise, "[calves]", "[legs]"),
			want: []wantProblem{{5, 13, "exercises[0].areas[0]", `unknown body area "legs"`}}},

		// --- content safety rules ---
		{name: "roll on the lower back", src: edit(edit(baseExercise, "kind: stretch", "kind: roll"), "[calves]", "[lower-back]"),
			want: []wantProblem{{5, 13, "exercises[0].areas[0]", "foam rolling over the lower-back is unsafe"}}},
		{name: "roll on the neck", src: edit(edit(baseExercise, "kind: stretch", "kind: roll"), "[calves]", "[calves, neck]"),
			want: []wantProblem{{5, 21, "exercises[0].areas[1]", "foam rolling over the neck is unsafe"}}},
		{name: "stretch without areas", src: edit(baseExercise, "    areas: [calves]\n", ""),
			want: []wantProblem{{2, 5, "exercises[0].areas", "a stretch must name at least one body area"}}},
		{name: "stretch with an empty area list", src: edit(baseExercise, "[calves]", "[]"),
			want: []wantProblem{{5, 12, "exercises[0].areas", "a stretch must name at least one body area"}}},
		{name: "hydrate with areas", src: edit(edit(baseExercise, "kind: stretch", "kind: hydrate"), "    per_side: true\n", ""),
			want: []wantProblem{{5, 12, "exercises[0].areas", "a hydrate step works no body area"}}},

		// --- ids ---
		{name: "id with a space and capitals", src: edit(baseExercise, "id: my-stretch", "id: Wall Calf"),
			want: []wantProblem{{2, 9, "exercises[0].id", `id "Wall Calf" must be lowercase letters, digits and dashes (try "wall-calf")`}}},
		{name: "id with an underscore", src: edit(baseRoutine, "id: bad-one", "id: calf_stretch"),
			want: []wantProblem{{2, 9, "routines[0].id", `id "calf_stretch" must be lowercase letters, digits and dashes (try "calf-stretch")`}}},
		{name: "id empty", src: edit(baseRoutine, "id: bad-one", `id: ""`),
			want: []wantProblem{{2, 9, "routines[0].id", "id must not be empty"}}},
		{name: "id with an escape sequence is not cleaned into a valid one", src: edit(baseRoutine, "id: bad-one", `id: "bad\e[2J-one"`),
			want: []wantProblem{{2, 9, "routines[0].id", `id "bad\x1b[2J-one" must be lowercase`}}},
		{name: "duplicate routine ids in one file", src: baseRoutine + strings.TrimPrefix(edit(baseRoutine, "Bad one", "Bad two"), "routines:\n"),
			want: []wantProblem{{8, 9, "routines[1].id", `routine "bad-one" is already defined at line 2`}}},
		{name: "duplicate exercise ids in one file", src: baseExercise + strings.TrimPrefix(baseExercise, "exercises:\n"),
			want: []wantProblem{{9, 9, "exercises[1].id", `exercise "my-stretch" is already defined at line 2`}}},
		{name: "field given twice", src: edit(baseRoutine, "    soreness:", "    name: Bad again\n    soreness:"),
			want: []wantProblem{{4, 5, "routines[0].name", "field is given twice"}}},
		{name: "unknown exercise id in a step", src: edit(baseRoutine, "do: wall-calf", "do: wall-calff"),
			want: []wantProblem{{6, 13, "routines[0].steps[0].do", `unknown exercise "wall-calff" in routine "bad-one" (did you mean "wall-calf"?)`}}},
		{name: "step id with bad characters", src: edit(baseRoutine, "do: wall-calf", "do: Wall Calf"),
			want: []wantProblem{{6, 13, "routines[0].steps[0].do", `(try "wall-calf")`}}},

		// --- what a step needs (the kit) ---
		{name: "unknown tool in needs", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wal]\n"),
			want: []wantProblem{{7, 13, "exercises[0].needs[0]", `unknown tool "wal" (did you mean "wall"?)`}}},
		{name: "tool needed twice", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall, floor or wall]\n"),
			want: []wantProblem{{7, 19, "exercises[0].needs[1]", "wall is already needed"}}},
		{name: "needs not a list", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: wall\n"),
			want: []wantProblem{{7, 12, "exercises[0].needs", "must be a list, found"}}},
		{name: "fallback for a tool not needed", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      chair: [seated-towel-calf]\n"),
			want: []wantProblem{{9, 14, "exercises[0].without.chair", "the exercise does not need chair (its needs: wall)"}}},
		{name: "fallback for an unknown tool", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      wal: [seated-towel-calf]\n"),
			want: []wantProblem{{9, 7, "exercises[0].without.wal", `unknown tool "wal" (did you mean "wall"?)`}}},
		{name: "fallback for a tool far from any", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      laser: [seated-towel-calf]\n"),
			want: []wantProblem{{9, 7, "exercises[0].without.laser", `unknown tool "laser" (the tools: roller, gun, ball, strap, chair, wall, step, floor, pad)`}}},
		{name: "fallback under an alias", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [strap]\n    without:\n      towel: \"Hands round the foot.\"\n      strap: \"Again.\"\n"),
			want: []wantProblem{{10, 14, "exercises[0].without.strap", "strap is the same tool as towel above; keep one"}}},
		{name: "empty fallback list", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      wall: []\n"),
			want: []wantProblem{{9, 13, "exercises[0].without.wall", "name at least one exercise to do instead, or write a note"}}},
		{name: "fallback to an unknown exercise", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      wall: [seated-towel-calff]\n"),
			want: []wantProblem{{9, 13, "exercises[0].without.wall", `unknown exercise "seated-towel-calff" to do without wall (did you mean "seated-towel-calf"?)`}}},
		{name: "fallback that keeps no area", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      wall: [neck-side-tilt]\n"),
			want: []wantProblem{{9, 13, "exercises[0].without.wall", `"neck-side-tilt" works none of my-stretch's areas (calves); a stand-in must keep at least one`}}},
		{name: "fallback to itself", src: edit(baseExercise, "    per_side: true\n", "    per_side: true\n    needs: [wall]\n    without:\n      wall: [my-stretch]\n"),
			want: []wantProblem{{9, 13, "exercises[0].without.wall", `"my-stretch" cannot stand in for itself`}}},
		{name: "unknown tool on a step", src: edit(baseRoutine, "for: 30s", "for: 30s\n        needs: [foam-rollr]"),
			want: []wantProblem{{8, 17, "routines[0].steps[0].needs[0]", `unknown tool "foam-rollr"`}}},
		{name: "massage gun on the lower back", src: edit(edit(baseExercise, "kind: stretch", "kind: gun"), "areas: [calves]", "areas: [calves, lower-back]"),
			want: []wantProblem{{5, 21, "exercises[0].areas[1]", "a massage gun over the lower-back is unsafe and not allowed"}}},
		{name: "massage gun on the neck", src: edit(edit(baseExercise, "kind: stretch", "kind: gun"), "areas: [calves]", "areas: [neck]"),
			want: []wantProblem{{5, 13, "exercises[0].areas[0]", "a massage gun over the neck is unsafe and not allowed"}}},
		{name: "hand massage with no area", src: edit(edit(baseExercise, "kind: stretch", "kind: massage"), "    areas: [calves]\n", ""),
			want: []wantProblem{{2, 5, "exercises[0].areas", "a massage must name at least one body area"}}},
		{name: "count on a gun step", src: edit(edit(baseExercise, "kind: stretch", "kind: gun"), "    per_side: true\n", "    per_side: true\n    count: 8\n"),
			want: []wantProblem{{7, 12, "exercises[0].count", "a count of reps is only for a mobility drill; this one is a gun"}}},

		// --- shape of the file ---
		{name: "empty steps list", src: edit(baseRoutine, "    steps:\n      - do: wall-calf\n        for: 30s\n", "    steps: []\n"),
			want: []wantProblem{{5, 12, "routines[0].steps", "a routine needs at least one step"}}},
		{name: "empty file", src: "",
			want: []wantProblem{{0, 0, "", "file is empty"}}},
		{name: "only comments", src: "# routines:\n#   - id: nothing\n\n   # indented comment\n",
			want: []wantProblem{{0, 0, "", "file is empty"}}},
		{name: "only a document marker", src: "---\n...\n",
			want: []wantProblem{{0, 0, "", "file is empty"}}},
		{name: "empty lists only", src: "exercises: []\nroutines: []\n",
			want: []wantProblem{{1, 1, "", "file defines no exercises and no routines"}}},
		{name: "two YAML documents", src: baseRoutine + "---\n" + baseRoutine,
			want: []wantProblem{{8, 1, "", "only one YAML document per file"}}},
		{name: "anchor and alias", src: edit(edit(baseRoutine, "name: Bad one", "name: &n Bad one"), "for: 30s", "for: 30s\n  - id: bad-two\n    name: *n"),
			want: []wantProblem{
				{3, 11, "", "anchors (&name) and aliases (*name) are not allowed"},
				{9, 11, "", "anchors (&name) and aliases (*name) are not allowed"},
			}},
		{name: "merge key", src: "routines:\n  - <<: {id: bad-one}\n    name: Bad one\n",
			want: []wantProblem{{2, 5, "", "merge keys (<<) are not allowed"}}},
		{name: "tags", src: edit(edit(baseRoutine, "name: Bad one", "name: !!str Bad one"), "for: 30s", "for: !duration 30s"),
			want: []wantProblem{
				{3, 11, "", "tags (!!str) are not allowed"},
				{7, 14, "", "tags (!duration) are not allowed"},
			}},
		{name: "directive", src: "%YAML 1.2\n---\n" + baseRoutine,
			want: []wantProblem{{1, 1, "", "directives (%) are not allowed"}}},
		{name: "non-UTF-8 byte", src: edit(baseRoutine, "name: Bad one", "name: Café \xff one"),
			want: []wantProblem{{3, 16, "", "not valid UTF-8"}}},
		{name: "deep flow nesting", src: "routines: " + strings.Repeat("[", 10000) + "\n",
			want: []wantProblem{{1, 75, "", "nesting is deeper than 64 levels"}}},
		{name: "deep nesting hidden after a fake quote", src: "a: |\n  \"\nb: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
			want: []wantProblem{{3, 67, "", "nesting is deeper than 64 levels"}}}, // the key's mapping is one level
		{name: "deep block nesting on one line", src: "routines:\n" + strings.Repeat("- ", 10000) + "x\n",
			want: []wantProblem{{2, 127, "", "nesting is deeper than 64 levels"}}},
		{name: "mapping with too many fields", src: manyFields(150),
			want: []wantProblem{{101, 1, "", "a mapping has more than 100 fields"}}},
		{name: "too many steps", src: edit(baseRoutine, "      - do: wall-calf\n        for: 30s\n", strings.Repeat("      - do: wall-calf\n        for: 30s\n", 5000)),
			want: []wantProblem{{6, 7, "routines[0].steps", "a routine may have at most 200 steps; this one has 5000"}}},
		{name: "too complex", src: "routines: [" + strings.Repeat("a,", 250_000) + "]\n",
			want: []wantProblem{{0, 0, "", "file is too complex"}}},
		{name: "text too long", src: edit(baseRoutine, "name: Bad one", "name: "+strings.Repeat("x", 49)),
			want: []wantProblem{{3, 11, "routines[0].name", "is 49 characters long; at most 48"}}},

		// --- not a readable file ---
		{name: "file over 1 MiB", setup: func(t *testing.T, dir string) string {
			return testfiles.Write(t, filepath.Join(dir, "huge.yaml"), baseRoutine+"# "+strings.Repeat("x", MaxFileBytes)+"\n")
		}, want: []wantProblem{{0, 0, "", "routine files may be at most 1048576 (1 MiB)"}}},
		{name: "a folder named x.yaml", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "x.yaml")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, want: []wantProblem{{0, 0, "", "is a folder, not a routine file"}}},
		{name: "a link to a missing file", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "gone.yaml")
			if err := os.Symlink(filepath.Join(dir, "no-such-target.yaml"), p); err != nil {
				t.Skipf("cannot make a symlink here: %v", err)
			}
			return p
		}, want: []wantProblem{{0, 0, "", "cannot read the file: no such file or directory"}}},
	}
}

// manyFields is a top-level mapping of n unknown fields.
func manyFields(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "f%d: 1\n", i)
	}
	return b.String()
}

func builtinRoutineIDs(t *testing.T) []string {
	t.Helper()
	lib, err := LoadBuiltin()
	if err != nil {
		t.Fatalf("built-in data: %v", err)
	}
	var ids []string
	for _, r := range lib.Routines() {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestBadFiles writes each bad file beside a good one, loads the folder and
// checks the bad file's problems (exact file:line:col, field, message) and
// that the good file and every built-in routine still load.
func TestBadFiles(t *testing.T) {
	builtins := builtinRoutineIDs(t)
	cases := badFiles()
	names := map[string]bool{}
	for _, c := range cases {
		if names[c.name] {
			t.Fatalf("two cases named %q", c.name)
		}
		names[c.name] = true
	}
	if len(cases) < 30 {
		t.Fatalf("only %d bad files; want at least 30", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			good := testfiles.Write(t, filepath.Join(dir, "good.yaml"), goodUser)
			bad := filepath.Join(dir, "bad.yaml")
			if c.setup != nil {
				bad = c.setup(t, dir)
			} else {
				testfiles.Write(t, filepath.Join(dir, "bad.yaml"), c.src)
			}
			lib, problems, err := Load(dir)
			if err != nil {
				t.Fatalf("Load: built-in data failed: %v", err)
			}
			var got Problems
			for _, p := range problems {
				switch p.File {
				case bad:
					got = append(got, p)
				case good:
					t.Errorf("the good file has a problem: %v", p)
				default:
					t.Errorf("problem names an unexpected file: %v", p)
				}
			}
			checkProblems(t, bad, got, c.want)

			if r, err := lib.Routine("my-good-one"); err != nil {
				t.Errorf("the good user routine did not load: %v", err)
			} else if r.Source != good {
				t.Errorf("my-good-one comes from %q, want %q", r.Source, good)
			}
			for _, id := range builtins {
				if _, err := lib.Routine(id); err != nil {
					t.Errorf("built-in routine %s is missing: %v", id, err)
				}
			}
			if n := len(lib.Routines()); n != len(builtins)+1 {
				t.Errorf("library has %d routines, want %d built-in + 1 good", n, len(builtins))
			}
		})
	}
}

// checkProblems asserts that got matches want one for one, in order, and
// that each prints as file:line:col: field: message.
func checkProblems(t *testing.T, file string, got Problems, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if g.Line != w.line || g.Col != w.col || g.Field != w.field || !strings.Contains(g.Msg, w.msg) {
			t.Errorf("problem %d:\n got  %d:%d field %q msg %q\n want %d:%d field %q msg containing %q",
				i, g.Line, g.Col, g.Field, g.Msg, w.line, w.col, w.field, w.msg)
		}
		prefix := file + ": "
		if w.line > 0 {
			prefix = fmt.Sprintf("%s:%d:%d: ", file, w.line, w.col)
		}
		if w.field != "" {
			prefix += w.field + ": "
		}
		if s := g.Error(); !strings.HasPrefix(s, strictyaml.EscapeControls(prefix)) {
			t.Errorf("problem %d prints as %q, want the prefix %q", i, s, prefix)
		}
	}
	checkFileOrder(t, got)
}

func checkFileOrder(t *testing.T, ps Problems) {
	t.Helper()
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if a.File == b.File && b.Line > 0 && (a.Line > b.Line || (a.Line == b.Line && a.Col > b.Col)) {
			t.Errorf("problems out of file order: %d:%d before %d:%d", a.Line, a.Col, b.Line, b.Col)
		}
	}
}

// TestSeveralProblemsAllReported: every problem in a file is reported, with
// its own position, in file order, even where the walk finds them in
// another order (a missing field is only known at the end of its mapping,
// a duplicate id after the first one).
func TestSeveralProblemsAllReported(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []wantProblem
	}{
		{"three problems in one routine", `routines:
  - id: bad-one
    name: Bad one
    soreness: [fresh, achy]
    steps:
      - do: wall-calf
        for: 0
      - do: hydrate
        for: 20s
        reps: 11
`, []wantProblem{
			{4, 23, "routines[0].soreness[1]", `unknown soreness level "achy"`},
			{7, 14, "routines[0].steps[0].for", "must be longer than zero"},
			{10, 15, "routines[0].steps[1].reps", "must be from 1 to 10"},
		}},
		{"missing fields come before later problems", `routines:
  - name: No id
    sorenes: [fresh]
    steps:
      - do: hydrate
        for: 20s
        notes: x
`, []wantProblem{
			{2, 5, "routines[0].id", "required field is missing"},
			{2, 5, "routines[0].soreness", "required field is missing"},
			{3, 5, "routines[0].sorenes", `unknown field (did you mean "soreness"?)`},
			{7, 9, "routines[0].steps[0].notes", `unknown field (did you mean "note"?)`},
		}},
		{"exercises and routines", `exercises:
  - id: my-a
    name: A
    kind: strech
  - id: my-a
    name: B
    kind: stretch
    areas: [calf]
  - name: C
routines:
  - id: r1
    name: R
    soreness: [fresh]
    steps: []
`, []wantProblem{
			{4, 11, "exercises[0].kind", `unknown kind "strech"`},
			{5, 9, "exercises[1].id", `exercise "my-a" is already defined at line 2`},
			{8, 13, "exercises[1].areas[0]", `unknown body area "calf"`},
			{9, 5, "exercises[2].id", "required field is missing"},
			{9, 5, "exercises[2].kind", "required field is missing"},
			{14, 12, "routines[0].steps", "a routine needs at least one step"},
		}},
		{"flow style", "routines: [{id: r1, name: R, soreness: [fresh], steps: [{do: hydrate, for: 1.5s}, {do: hydrate}]}]\n",
			[]wantProblem{
				{1, 76, "routines[0].steps[0].for", "must be whole seconds"},
				{1, 83, "routines[0].steps[1].for", "required field is missing"},
			}},
		{"unknown exercises in two routines", `routines:
  - id: r1
    name: R1
    soreness: [fresh]
    steps:
      - do: wall-calff
        for: 30s
      - do: hydrat
        for: 20s
  - id: r2
    name: R2
    soreness: [sore]
    steps:
      - do: standing-quadd
        for: 30s
`, []wantProblem{
			{6, 13, "routines[0].steps[0].do", `(did you mean "wall-calf"?)`},
			{8, 13, "routines[0].steps[1].do", `(did you mean "hydrate"?)`},
			{14, 13, "routines[1].steps[0].do", `(did you mean "standing-quad"?)`},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := testfiles.Write(t, filepath.Join(dir, "bad.yaml"), c.src)
			lib, problems, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			checkProblems(t, bad, problems, c.want)
			if len(lib.Routines()) != len(builtinRoutineIDs(t)) {
				t.Errorf("a broken routine loaded: %d routines", len(lib.Routines()))
			}
		})
	}
}

// TestProblemsCapped: a file with thousands of problems lists MaxProblems
// and then says how many more there were.
func TestProblemsCapped(t *testing.T) {
	_, err := Parse("many.yaml", []byte("routines:\n"+strings.Repeat("  - {id: x, nope: 1}\n", 500)), "many.yaml")
	ps := strictyaml.AsProblems(err)
	if len(ps) != MaxProblems+1 {
		t.Fatalf("got %d problems, want %d + a summary", len(ps), MaxProblems)
	}
	if last := ps[len(ps)-1]; last.Line != 0 || !strings.Contains(last.Msg, "more problems") {
		t.Errorf("last problem %v, want a count of the rest", last)
	}
	checkFileOrder(t, ps[:MaxProblems])

	// The same for unknown exercises, found when linking.
	var b strings.Builder
	b.WriteString("routines:\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  - {id: r%d, name: R, soreness: [fresh], steps: [{do: nope-a, for: 1s}, {do: nope-b, for: 1s}]}\n", i)
	}
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "link.yaml"), b.String())
	_, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != MaxProblems+1 || !strings.Contains(problems[MaxProblems].Msg, "and 150 more problems") {
		t.Errorf("got %d problems, last %v; want %d and a count of 150 more", len(problems), problems[len(problems)-1], MaxProblems)
	}
}

// TestHostileNameIsCleaned: a name carrying terminal escape sequences is
// not an error: it loads with the sequences removed.
func TestHostileNameIsCleaned(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "evil.yaml"), `routines:
  - id: evil
    name: "\e]52;c;SGVsbG8=\aEvil\e[2J"
    summary: "\e]0;pwned\aTitle \u009b31mred\u009b0m \u202eesrever\u202c ok\tfine\nnext"
    soreness: [fresh]
    steps:
      - do: hydrate
        for: 20s
        note: "\x07bell\e[1;1H home"
exercises:
  - id: evil-stretch
    name: "Evil\e[31m stretch"
    kind: stretch
    areas: [calves]
    cues: ["\e[2Jone", "two\e]8;;http://x\e\\link\e]8;;\e\\"]
    caution: "\e[?1049hcareful"
`)
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Load: %v %v", err, problems)
	}
	r, err := lib.Routine("evil")
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Evil" {
		t.Errorf("name %q, want %q", r.Name, "Evil")
	}
	if want := "Title red esrever ok fine next"; r.Summary != want {
		t.Errorf("summary %q, want %q", r.Summary, want)
	}
	if r.Steps[0].Note != "bell home" {
		t.Errorf("note %q", r.Steps[0].Note)
	}
	e, _ := lib.Exercise("evil-stretch")
	if e.Name != "Evil stretch" || e.Caution != "careful" || !slices.Equal(e.Cues, []string{"one", "twolink"}) {
		t.Errorf("exercise text not cleaned: %q %q %q", e.Name, e.Caution, e.Cues)
	}
	for _, s := range append([]string{r.Name, r.Summary, r.Steps[0].Note, e.Name, e.Caution}, e.Cues...) {
		assertClean(t, s)
	}
}

// assertClean fails if s holds a character a routine file must not get to
// the terminal.
func assertClean(t testing.TB, s string) {
	t.Helper()
	for _, r := range s {
		if unicode.IsControl(r) || strictyaml.IsBidiControl(r) || r == '\uFEFF' {
			t.Errorf("text %q holds control character %U", s, r)
			return
		}
	}
}

// TestProblemTextIsEscaped: a hostile key or file name cannot put escape
// sequences into an error message.
func TestProblemTextIsEscaped(t *testing.T) {
	dir := t.TempDir()
	name := testfiles.Write(t, filepath.Join(dir, "evil\x1b[2J.yaml"), "routines:\n  - \"\\e]52;c;SGVsbG8=\\a\": 1\n")
	_, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 {
		t.Fatal("no problems")
	}
	for _, p := range problems {
		if p.File != name {
			t.Errorf("problem for %q, want %q", p.File, name)
		}
		s := p.Error()
		assertClean(t, s)
		if !strings.Contains(s, `evil\x1b[2J.yaml:2:5: `) {
			t.Errorf("message %q does not show the escaped file name and position", s)
		}
	}
	if got := problems[0].Field; got != `routines[0]."\x1b]52;c;SGVsbG8=\a"` {
		t.Errorf("field %q", got)
	}
	if got := DisplaySource(name); strings.ContainsRune(got, '\x1b') {
		t.Errorf("DisplaySource(%q) = %q", name, got)
	}
}

// TestHiddenAndOtherFilesIgnored: only *.yaml and *.yml files are read, not
// hidden ones (editor lock files are often dangling links).
func TestHiddenAndOtherFilesIgnored(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "good.yml"), goodUser)
	testfiles.Write(t, filepath.Join(dir, "notes.txt"), "not yaml")
	testfiles.Write(t, filepath.Join(dir, ".hidden.yaml"), "broken: [")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, ".#good.yaml")); err != nil {
		t.Logf("no symlink: %v", err)
	}
	lib, problems, err := Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Load: %v %v", err, problems)
	}
	if _, err := lib.Routine("my-good-one"); err != nil {
		t.Error(err)
	}
}

// TestLoadFolderProblems: a missing folder is no problem; a folder path with
// glob characters still works; a file given as the folder is a problem, and
// the built-in routines still load.
func TestLoadFolderProblems(t *testing.T) {
	builtins := builtinRoutineIDs(t)
	lib, problems, err := Load(filepath.Join(t.TempDir(), "missing"))
	if err != nil || len(problems) > 0 || len(lib.Routines()) != len(builtins) {
		t.Errorf("missing folder: %v %v", err, problems)
	}

	dir := filepath.Join(t.TempDir(), "odd [name] *")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	testfiles.Write(t, filepath.Join(dir, "good.yaml"), goodUser)
	lib, problems, err = Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("Load: %v %v", err, problems)
	}
	if _, err := lib.Routine("my-good-one"); err != nil {
		t.Errorf("folder with glob characters: %v", err)
	}

	notDir := testfiles.Write(t, filepath.Join(t.TempDir(), "file"), "x")
	lib, problems, err = Load(notDir)
	if err != nil || len(problems) != 1 || len(lib.Routines()) != len(builtins) {
		t.Errorf("file as folder: %v %v", err, problems)
	}
}

// TestUserFilesMerge: a user routine replaces a built-in one of the same id
// (marked Overrides, also when a second user file replaces the first), and
// a routine may use an exercise from another user file.
func TestUserFilesMerge(t *testing.T) {
	dir := t.TempDir()
	a := testfiles.Write(t, filepath.Join(dir, "a.yaml"), `exercises:
  - id: my-lunge
    name: My lunge
    kind: stretch
    areas: [hips]
    per_side: true
routines:
  - id: quick-10-lower
    name: My quick ten
    soreness: [fresh]
    steps:
      - do: my-lunge
        for: 30s
`)
	b := testfiles.Write(t, filepath.Join(dir, "b.yaml"), `routines:
  - id: quick-10-lower
    name: Their quick ten
    soreness: [fresh]
    steps:
      - do: my-lunge
        for: 20s
`)
	lib, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, b, problems, []wantProblem{{2, 9, "routines[0].id", `routine "quick-10-lower" is also defined in ` + a}})
	r, err := lib.Routine("quick-10-lower")
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Their quick ten" || !r.Overrides || r.Source != b {
		t.Errorf("got %q overrides=%v from %s; want b.yaml's, marked as overriding", r.Name, r.Overrides, r.Source)
	}
	if r.Steps[0].Exercise == nil || r.Steps[0].Exercise.Source != a {
		t.Errorf("step not linked to a.yaml's exercise")
	}
	// Loading again gives a fresh library: built-in data is not shared.
	lib2, _, _ := LoadFiles(nil)
	r2, _ := lib2.Routine("quick-10-lower")
	if r2.Source != BuiltIn || r2.Overrides || r2.Name == r.Name {
		t.Errorf("built-in routine changed by an earlier Load: %+v", r2)
	}
}

// TestCrossFileProblemsInOrder: problems found while merging files (an
// exercise defined twice, an unknown exercise) come file by file, each in
// line order, however they were found.
func TestCrossFileProblemsInOrder(t *testing.T) {
	dir := t.TempDir()
	a := testfiles.Write(t, filepath.Join(dir, "a.yaml"), `exercises:
  - id: my-lunge
    name: My lunge
    kind: stretch
    areas: [hips]
`)
	b := testfiles.Write(t, filepath.Join(dir, "b.yaml"), `routines:
  - id: uses-missing
    name: Uses a missing exercise
    soreness: [fresh]
    steps:
      - do: my-lunge
        for: 30s
      - do: no-such-thing
        for: 30s
exercises:
  - id: my-lunge
    name: Their lunge
    kind: stretch
    areas: [hips]
`)
	lib, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, b, problems, []wantProblem{
		{8, 13, "routines[0].steps[1].do", `unknown exercise "no-such-thing"`},
		{11, 9, "exercises[0].id", `exercise "my-lunge" is also defined in ` + a + "; the later file wins"},
	})
	if e, _ := lib.Exercise("my-lunge"); e.Name != "Their lunge" {
		t.Errorf("my-lunge is %q, want the later file's", e.Name)
	}
	if _, err := lib.Routine("uses-missing"); err == nil {
		t.Error("a routine with an unknown exercise loaded")
	}
}

// The user's routine files together are capped: a file that would take the
// total past the cap is reported and not read; the others still load.
func TestUserDataTotalCapped(t *testing.T) {
	dir := t.TempDir()
	filler := "# " + strings.Repeat("x", 1000) + "\n"
	big := strings.Repeat(filler, (MaxFileBytes-4096)/len(filler))
	n := MaxUserBytes/len(big) + 1
	for i := range n {
		testfiles.Write(t, filepath.Join(dir, fmt.Sprintf("f%02d.yaml", i)), big)
	}
	testfiles.Write(t, filepath.Join(dir, "zz-good.yaml"), goodUser)
	lib, problems, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var capped []string
	for _, p := range problems {
		if strings.Contains(p.Msg, "at most 4194304") {
			capped = append(capped, filepath.Base(p.File))
		}
	}
	if len(capped) != 1 || capped[0] != fmt.Sprintf("f%02d.yaml", n-1) {
		t.Errorf("files refused for the cap: %v; want the big one past it", capped)
	}
	if _, err := lib.Routine("my-good-one"); err != nil {
		t.Errorf("a small file that still fits under the cap was not read: %v", err)
	}
	if _, err := lib.Routine("quick-10-lower"); err != nil {
		t.Errorf("the built-in routines are gone: %v", err)
	}
}
