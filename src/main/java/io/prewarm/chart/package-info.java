/**
 * The one SVG writer of the project: the shapes (polylines that break at gaps, lines, texts, rectangles) that
 * the backtest's report chart and the console's charts draw, escaping and number formatting. JDK only; each
 * chart keeps its own layout, colours and data handling.
 */
package io.prewarm.chart;
