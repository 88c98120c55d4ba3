package routines

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestZZExplore(t *testing.T) {
	cases := map[string]string{
		"dupkey":   "routines:\n  - id: a\n    id: b\n    name: x\n    soreness: [fresh]\n    steps:\n      - do: hydrate\n        for: 20s\n",
		"missingid": "routines:\n  - name: x\n    soreness: [fresh]\n    steps:\n      - do: hydrate\n        for: 20s\n",
		"missingflow": "routines:\n  - {name: x, soreness: [fresh], steps: [{do: hydrate, for: 20s}]}\n",
		"syntax":   "routines:\n  - id: x\n    name: [unclosed\n",
		"syntax2":  "routines:\n  - id: x\n   name: y\n",
		"tab":  "routines:\n\t- id: x\n",
		"nullkey":  ": x\n",
		"qkey":  "? [a]\n: x\n",
		"tag":  "routines:\n  - id: !!str x\n    name: !foo y\n",
		"utf8": "routines:\n  - id: é\xffx\n",
		"utf8col": "exercises:\n  - id: aé\n    nam: x\n",
		"dashes": strings.Repeat("- ", 100000) + "x\n",
		"qs": strings.Repeat("? ", 100000) + "x\n",
		"flow": strings.Repeat("[", 10000) + "\n",
		"twodoc": "routines: []\n---\nroutines: []\n",
		"comments": "# hi\n# there\n",
		"empty": "",
		"docstart": "---\n",
		"scalar": "hello\n",
		"list": "- a\n",
		"nullvalue": "routines:\n",
		"forint": "routines:\n  - id: a\n    name: x\n    soreness: [fresh]\n    steps:\n      - do: hydrate\n        for: 30\n",
	}
	for name, src := range cases {
		start := time.Now()
		f, err := Parse("f.yaml", []byte(src), "u")
		fmt.Printf("== %s (%v) f=%v\n", name, time.Since(start), f != nil)
		for _, p := range AsProblems(err) {
			fmt.Printf("   %d:%d %q %q\n", p.Line, p.Col, p.Field, p.Msg)
		}
	}
}
