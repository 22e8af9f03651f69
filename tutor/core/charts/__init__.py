"""Charts as data and text: plotext figures built from descent traces, drawable by any front end."""
