import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Light modules around the code that scanners need to find its edge (the standard asks for 4). */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as SVG elements from the module matrix, computed here in the renderer: no
 * data: URL, no canvas, no inline style, so the app's CSP stays as strict as it is. One <rect>
 * per dark module keeps it simple to check (the e2e counts them against qrcode's own matrix).
 */
export function QrCode({ text, label, pixels = 180, className }: { text: string; label: string; pixels?: number; className?: string | undefined }) {
  const { size, dark } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cells: [number, number][] = [];
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) cells.push([col, row]);
    }
    return { size: modules.size, dark: cells };
  }, [text]);
  const side = size + QUIET_ZONE * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      className={className}
      data-testid="totp-qr"
      data-modules={size}
      viewBox={`0 0 ${side} ${side}`}
      width={pixels}
      height={pixels}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#ffffff" />
      {dark.map(([x, y]) => (
        <rect key={`${x}-${y}`} x={x + QUIET_ZONE} y={y + QUIET_ZONE} width={1} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
