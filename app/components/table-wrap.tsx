import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A table that may scroll sideways on a narrow screen. When it does, it is a
 * named region that the keyboard can reach and scroll with the arrow keys
 * (WCAG 2.1.1; axe's scrollable-region-focusable); when it fits, it is no
 * extra tab stop. The server's HTML has no tab stop; the browser adds it
 * after measuring.
 */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-wrap"
      role="region"
      aria-labelledby={labelledBy}
      // A scrolling region must be reachable by keyboard to be scrolled (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
