package ui

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
)

func init() {
	if os.Getenv("FC_DEBUG_SIZES") == "" {
		return
	}
	go func() {
		time.Sleep(4 * time.Second)
		fyne.Do(func() {
			u := debugUI
			for _, it := range u.Tabs.Items {
				fmt.Fprintln(os.Stderr, "tab", it.Text, it.Content.MinSize())
			}
			fmt.Fprintln(os.Stderr, "tr cells", u.Tr.Loss.MinSize(), u.Tr.NormSelect.MinSize(), u.Tr.HeatSelect.MinSize(), u.Tr.statusBox.MinSize(), u.Tr.ClipLR.MinSize())
			fmt.Fprintln(os.Stderr, "fc", u.Fc.Views.MinSize(), u.Fc.Residuals.content.MinSize(), u.Fc.Backtest.content.MinSize())
			fmt.Fprintln(os.Stderr, "data", u.Data.Views.MinSize(), u.Data.Diag.DecompView.MinSize(), u.Data.Diag.ACFView.MinSize(), u.Data.left.MinSize())
		})
	}()
}

var debugUI *UI
