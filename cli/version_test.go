package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestParseAppMetaReadsTheProjectsFile(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseAppMeta(data)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Mali Routes Atlas" || m.ID != "org.maliroutesatlas.app" {
		t.Errorf("name/id = %q/%q", m.Name, m.ID)
	}
	if !strings.Contains(string(data), `Version = "`+m.Version+`"`) || m.Build < 1 {
		t.Errorf("version %q build %d do not match the file", m.Version, m.Build)
	}
	if got := (AppMeta{Version: "1.2.3", Build: 7}).String(); got != "1.2.3 (build 7)" {
		t.Errorf("String() = %q", got)
	}
}

func TestParseAppMetaRefusesAFileWithoutVersion(t *testing.T) {
	for _, in := range []string{"[Details]\nName = \"x\"\n", "[Details\n", ""} {
		if _, err := ParseAppMeta([]byte(in)); err == nil || !strings.Contains(err.Error(), "FyneApp.toml") {
			t.Errorf("%q: err = %v, want an error naming FyneApp.toml", in, err)
		}
	}
}

func TestVersionFlagPrintsTheVersion(t *testing.T) {
	old := Version
	Version = "9.8.7 (build 6)"
	defer func() { Version = old }()
	for _, arg := range []string{"--version", "version", "-v"} {
		var out, errb bytes.Buffer
		if code := Main([]string{arg}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d, stderr %q", arg, code, errb.String())
		}
		if out.String() != "maliatlas 9.8.7 (build 6)\n" {
			t.Errorf("%s printed %q", arg, out.String())
		}
	}
}
