/**
 * The QR code of a deep link, printed on map PDFs and on a report's cover so that a reader of
 * the paper can open the same view: an SVG made here (the `qrcode` package), no request leaves
 * the server. Error correction M; a quiet zone of two modules.
 */
import QRCode from 'qrcode';

/** An `<svg>` element (no XML declaration) encoding `link`, labelled for assistive technology. */
export async function deepLinkQrSvg(link: string, label: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const escaped = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" class="print-qr" `);
}
