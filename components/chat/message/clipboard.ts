// Copying a message's text or link: the Clipboard API where the page may use it, else the old
// selection-and-copy way (an insecure origin, or a browser that refuses without a permission).
export async function copyToClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the textarea
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  focused?.focus();
  if (!ok) throw new Error('The browser did not allow copying.');
}
