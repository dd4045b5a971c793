/**
 * uPlot and its stylesheet, loaded together on first use of a chart so that neither is in any
 * screen's first download (Vite bundles the CSS import into a stylesheet, which the CSP allows).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export { uPlot };
