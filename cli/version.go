package cli

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// Version is the application's version, "0.1.0 (build 1)"; main sets it from
// the FyneApp.toml it embeds, so the window, `fyne package` and
// `maliatlas --version` all report the same number.
var Version = "dev"

// AppMeta is the part of FyneApp.toml the program reports.
type AppMeta struct {
	Name    string
	ID      string
	Version string
	Build   int
}

// ParseAppMeta reads the [Details] table of a FyneApp.toml.
func ParseAppMeta(data []byte) (AppMeta, error) {
	var f struct{ Details AppMeta }
	if _, err := toml.Decode(string(data), &f); err != nil {
		return AppMeta{}, fmt.Errorf("FyneApp.toml: %v", err)
	}
	if f.Details.Version == "" {
		return AppMeta{}, fmt.Errorf("FyneApp.toml: [Details] has no Version")
	}
	return f.Details, nil
}

// String is the version as printed: "0.1.0 (build 1)".
func (m AppMeta) String() string {
	if m.Build > 0 {
		return fmt.Sprintf("%s (build %d)", m.Version, m.Build)
	}
	return m.Version
}
