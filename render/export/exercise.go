package export

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/paulmach/orb"

	"maliatlas/layers"
	"maliatlas/project"
	"maliatlas/render"
)

// exerciseWords are the words of exercise pages, in English and French.
var exerciseWords = map[string]map[string]string{
	"en": {
		"inject": "Inject %d of %d", "setting": "Situation", "reports": "New reports", "questions": "Questions (critical information requirements)",
		"retracted": "Withdrawn", "solution": "Solution", "expected": "Expected", "no-answer": "no answer",
		"groups": "Groups' marks", "debrief": "Debrief", "marks": "%d mark(s)", "conflict": "conflicting versions kept: %s",
		"version": "version %d", "grade": "grade",
		"legend": "Legend", "lg-fictional": "Fictional feature (lime and black: invented, never sourced)", "lg-new": "New at this inject",
		"lg-withdrawn": "Withdrawn at this inject (crossed)", "lg-grade": "[B2]: source reliability A–F, information credibility 1–6",
	},
	"fr": {
		"inject": "Inject %d sur %d", "setting": "Situation", "reports": "Nouveaux rapports", "questions": "Questions (besoins en renseignement critiques)",
		"retracted": "Retirés", "solution": "Solution", "expected": "Attendu", "no-answer": "pas de réponse",
		"groups": "Marques des groupes", "debrief": "Débriefing", "marks": "%d marque(s)", "conflict": "versions en conflit conservées\u202f: %s",
		"version": "version %d", "grade": "cote",
		"legend": "Légende", "lg-fictional": "Élément fictif (vert citron et noir\u202f: inventé, jamais sourcé)", "lg-new": "Nouveau à cet inject",
		"lg-withdrawn": "Retiré à cet inject (barré)", "lg-grade": "[B2]\u202f: fiabilité de la source A–F, crédibilité de l'information 1–6",
	},
}

func xw(lang, key string) string {
	if m, ok := exerciseWords[lang]; ok {
		return m[key]
	}
	return exerciseWords["en"][key]
}

func colon(lang string) string {
	if lang == "fr" {
		return "\u202f: "
	}
	return ": "
}

// ScenarioView is what a map of p's scenario shows after n injects: the
// features, those new at n highlighted, those withdrawn at n greyed; with
// debrief, the solution up to n and the groups' marks as of n (GroupsAsOf).
func ScenarioView(p *project.Project, n int, debrief bool) *render.FictionalView {
	s := p.Scenario
	if s == nil {
		return nil
	}
	st := s.StateAt(n)
	d := s.NewSince(n)
	fv := &render.FictionalView{Lang: p.Lang, Features: st.Features, New: d.Added, Retracted: d.RetractedFeatures}
	if debrief {
		fv.Solution = s.SolutionFeaturesUpTo(n)
		for _, g := range s.GroupsAsOf(n) {
			fv.Groups = append(fv.Groups, render.GroupMarks{Name: g.Name, Color: g.Color, Annotations: g.Annotations})
		}
	}
	return fv
}

// scenarioBound is the box of the scenario's features with a margin.
func scenarioBound(s *project.Scenario) orb.Bound {
	b, ok := s.Bound()
	if !ok {
		return orb.Bound{Min: orb.Point{-5, 14}, Max: orb.Point{3, 20}}
	}
	padX, padY := max((b[2]-b[0])*0.25, 0.4), max((b[3]-b[1])*0.15, 0.3)
	return orb.Bound{Min: orb.Point{b[0] - padX, b[1] - padY}, Max: orb.Point{b[2] + padX, b[3] + padY}}
}

func graded(text, grade, lang string) string {
	if grade == "" {
		return text
	}
	if d := project.DescribeGrade(grade, lang); d != "" {
		return text + " (" + d + ")"
	}
	return text
}

func parseCol(s string) color.NRGBA {
	c, err := layers.ParseColor(s)
	if err != nil {
		return color.NRGBA{128, 128, 128, 255}
	}
	c.A = 255
	return c
}

// exercisePage is the common frame of a scenario page at inject n.
func exercisePage(scene *render.Scene, p *project.Project, n int, debrief bool) *Map {
	s := p.Scenario
	lang := p.Lang
	in := &s.Injects[n-1]
	title := fmt.Sprintf(xw(lang, "inject"), n, len(s.Injects))
	if w := in.When.In(lang); w != "" {
		title += " — " + w
	}
	title += colon(lang) + in.Title.In(lang)
	if debrief {
		title = xw(lang, "debrief") + " · " + title
	}
	return &Map{
		Scene: scene, BBox: scenarioBound(s), Title: title, Subtitle: s.Title.In(lang),
		// Only the base map under a scenario: no sourced overlay beside
		// invented features.
		Options:  render.Options{Lang: lang, Visible: baseLayers(scene)},
		ScaleBar: true, North: true, Attribution: true,
		Exercise:  ScenarioView(p, n, debrief),
		Fictional: true,
		Panel:     &Panel{},
	}
}

// baseLayers are the base map's layers visible by default.
func baseLayers(scene *render.Scene) []string {
	ids := []string{}
	for _, l := range scene.Catalog.Layers {
		if l.Spec.Group == "base" && l.Spec.Visible {
			ids = append(ids, l.Spec.ID)
		}
	}
	return ids
}

// legendBlock explains the exercise's symbols.
func legendBlock(lang string, debrief bool, groups []project.GroupWork) PanelBlock {
	b := PanelBlock{Heading: xw(lang, "legend")}
	b.Lines = append(b.Lines,
		PanelLine{Text: xw(lang, "lg-fictional"), Swatch: render.FictionalInk},
		PanelLine{Text: xw(lang, "lg-new"), Swatch: color.NRGBA{255, 59, 48, 255}},
		PanelLine{Text: xw(lang, "lg-withdrawn"), Swatch: color.NRGBA{120, 120, 120, 255}},
		PanelLine{Text: xw(lang, "lg-grade")})
	if debrief {
		b.Lines = append(b.Lines, PanelLine{Text: xw(lang, "solution"), Swatch: render.SolutionInk})
		for _, g := range groups {
			b.Lines = append(b.Lines, PanelLine{Text: g.Name, Swatch: parseCol(g.Color)})
		}
	}
	return b
}

// HandoutMaps are the pages handed to the groups: one per released inject
// (all of them with all), each with its map (what is new highlighted), its
// reports with their grades, the questions open and what was withdrawn.
func HandoutMaps(scene *render.Scene, p *project.Project, all bool) ([]*Map, error) {
	s := p.Scenario
	if s == nil {
		return nil, fmt.Errorf("the project has no scenario")
	}
	n := s.Released
	if all || n == 0 {
		n = len(s.Injects)
	}
	lang := p.Lang
	var maps []*Map
	for i := 1; i <= n; i++ {
		m := exercisePage(scene, p, i, false)
		in := &s.Injects[i-1]
		if i == 1 && s.Setting.In(lang) != "" {
			m.Panel.Blocks = append(m.Panel.Blocks, PanelBlock{Heading: xw(lang, "setting"), Lines: []PanelLine{{Text: s.Setting.In(lang)}}})
		}
		rb := PanelBlock{Heading: xw(lang, "reports")}
		for _, r := range in.Reports {
			rb.Lines = append(rb.Lines, PanelLine{Text: r.Title.In(lang) + " — " + r.Grade, Bold: true},
				PanelLine{Text: graded(r.Text.In(lang), r.Grade, lang), Indent: true})
		}
		m.Panel.Blocks = append(m.Panel.Blocks, rb)
		if len(in.Retracts) > 0 {
			m.Panel.Blocks = append(m.Panel.Blocks, PanelBlock{Heading: xw(lang, "retracted"), Lines: retractLines(s, in, lang)})
		}
		qb := PanelBlock{Heading: xw(lang, "questions")}
		for _, q := range s.StateAt(i).Questions {
			qb.Lines = append(qb.Lines, PanelLine{Text: q.ID + ". " + q.Text.In(lang), Bold: in.HasQuestion(q.ID)})
		}
		m.Panel.Blocks = append(m.Panel.Blocks, qb, legendBlock(lang, false, nil))
		maps = append(maps, m)
	}
	return maps, nil
}

func retractLines(s *project.Scenario, in *project.Inject, lang string) []PanelLine {
	var out []PanelLine
	for _, id := range in.Retracts {
		out = append(out, PanelLine{Text: "× " + describeItem(s, id, lang), Color: color.NRGBA{150, 30, 30, 255}})
	}
	return out
}

// describeItem names a feature, report or question of s by its text: a
// report with its grade, a question after its id.
func describeItem(s *project.Scenario, id, lang string) string {
	name, grade, kind, ok := s.ItemName(id, lang)
	switch {
	case !ok:
		return id
	case kind == project.ReportItem:
		return name + " (" + grade + ")"
	case kind == project.QuestionItem:
		return id + ". " + name
	}
	return name
}

// DebriefMaps are the debrief handout: one page per inject, the solution
// and each group's marks on the map in its colour, and beside it each
// question with the expected answer and every group's answers, then who
// marked what, where and when.
func DebriefMaps(scene *render.Scene, p *project.Project) ([]*Map, error) {
	s := p.Scenario
	if s == nil {
		return nil, fmt.Errorf("the project has no scenario")
	}
	if s.Solution == nil {
		return nil, fmt.Errorf("the project has no solution layer (a group's copy?): debrief from the trainer's project")
	}
	lang := p.Lang
	var maps []*Map
	for i := 1; i <= len(s.Injects); i++ {
		groups := s.GroupsAsOf(i) // as the map shows them
		m := exercisePage(scene, p, i, true)
		m.Panel.Width = 0.42
		in := &s.Injects[i-1]
		sol := s.SolutionAt(i)
		if sol != nil && sol.Summary.In(lang) != "" {
			m.Panel.Blocks = append(m.Panel.Blocks, PanelBlock{Heading: xw(lang, "solution"), Lines: []PanelLine{{Text: sol.Summary.In(lang), Color: color.NRGBA{0, 100, 50, 255}}}})
		}
		for _, q := range in.Questions {
			b := PanelBlock{Heading: q.ID + ". " + q.Text.In(lang)}
			if sol != nil {
				for _, a := range sol.Answers {
					if a.Question == q.ID {
						b.Lines = append(b.Lines, PanelLine{Text: xw(lang, "expected") + colon(lang) + a.Text.In(lang), Color: color.NRGBA{0, 100, 50, 255}, Bold: true})
					}
				}
			}
			for _, g := range groups {
				var texts []string
				for _, a := range g.Answers {
					if a.Question == q.ID {
						t := a.Text
						if a.Grade != "" {
							t += " [" + a.Grade + "]"
						}
						texts = append(texts, t)
					}
				}
				line := g.Name + colon(lang)
				if len(texts) == 0 {
					line += "(" + xw(lang, "no-answer") + ")"
				} else {
					line += strings.Join(texts, " / ")
				}
				b.Lines = append(b.Lines, PanelLine{Text: line, Swatch: parseCol(g.Color), Indent: true})
			}
			m.Panel.Blocks = append(m.Panel.Blocks, b)
		}
		// Who marked what, where, when at this inject.
		mb := PanelBlock{Heading: xw(lang, "groups")}
		for _, g := range groups {
			marks := g.AnnotationsAt(s, in.ID)
			head := g.Name + " — " + fmt.Sprintf(xw(lang, "marks"), len(marks)) + ", " + fmt.Sprintf(xw(lang, "version"), g.Version)
			mb.Lines = append(mb.Lines, PanelLine{Text: head, Bold: true, Swatch: parseCol(g.Color)})
			for _, a := range marks {
				mb.Lines = append(mb.Lines, PanelLine{Text: markLine(a, lang), Indent: true})
			}
			if len(g.Conflicts) > 0 {
				mb.Lines = append(mb.Lines, PanelLine{Text: fmt.Sprintf(xw(lang, "conflict"), strings.Join(g.Conflicts, ", ")), Indent: true, Color: color.NRGBA{150, 30, 30, 255}})
			}
		}
		if len(groups) > 0 {
			m.Panel.Blocks = append(m.Panel.Blocks, mb)
		}
		m.Panel.Blocks = append(m.Panel.Blocks, legendBlock(lang, true, groups))
		maps = append(maps, m)
	}
	return maps, nil
}

// markLine is one group mark: what (kind, text, grade), where, who, when.
func markLine(a project.Annotation, lang string) string {
	what := a.Kind
	if lang == "fr" {
		what = kindFR[a.Kind]
	}
	if a.Text != "" {
		if lang == "fr" {
			what += " «\u202f" + a.Text + "\u202f»"
		} else {
			what += " “" + a.Text + "”"
		}
	}
	if a.Grade != "" {
		what += " [" + a.Grade + "]"
	}
	where := ""
	if len(a.Points) > 0 {
		where = fmt.Sprintf(" @ %.2f, %.2f", a.Points[0][1], a.Points[0][0])
	}
	who := ""
	if a.Author != "" {
		who = " — " + a.Author
	}
	when := ""
	if len(a.Time) >= 16 {
		when = " " + strings.Replace(a.Time[:16], "T", " ", 1)
	}
	return what + where + who + when
}

var kindFR = map[string]string{
	project.KindText: "texte", project.KindArrow: "flèche", project.KindMarker: "repère",
	project.KindFreehand: "tracé", project.KindArea: "zone", project.KindCircle: "cercle",
}
