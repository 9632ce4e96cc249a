package main

import (
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
)

// newApp creates the Fyne app. `fyne package` injects FyneApp.toml's
// metadata into the binary; a plain `go build` does not, so then the values
// generated from the same file (metadata.go) are set instead.
func newApp() fyne.App {
	a := fyneapp.NewWithID(appID)
	if m := a.Metadata(); m.Name == "" || m.Version != appVersion {
		fyneapp.SetMetadata(fyne.AppMetadata{
			ID:      appID,
			Name:    appName,
			Version: appVersion,
			Build:   appBuild,
			Icon:    fyne.NewStaticResource(appIconName, appIcon),
			Release: m.Release,
			Custom:  m.Custom,
		})
	}
	if a.Metadata().Icon != nil {
		a.SetIcon(a.Metadata().Icon)
	}
	return a
}

// versionLine is what `forecaster version` prints: the metadata the running
// binary carries, as the About dialog shows it.
func versionLine(a fyne.App) string {
	m := a.Metadata()
	return fmt.Sprintf("%s %s (build %d, %s)", m.Name, m.Version, m.Build, m.ID)
}

func cmdVersion(c *cli, args []string) int {
	fs := c.newFlagSet("version", "")
	if rc := fs.parse(args); rc >= 0 {
		return rc
	}
	fmt.Fprintln(c.stdout, versionLine(newApp()))
	return 0
}
