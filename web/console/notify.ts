/**
 * Sound and visual notification for new work: a short two-tone chime (Web Audio, no asset to load), the count in the
 * tab title, and a desktop notification when the agent allowed them.
 */
let audio: AudioContext | null = null;
const baseTitle = document.title;

export function notify(title: string, body: string, unread: number): void {
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
  try {
    audio ??= new AudioContext();
    for (const [index, frequency] of [880, 1320].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, audio.currentTime + index * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + index * 0.12 + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + index * 0.12);
      oscillator.stop(audio.currentTime + index * 0.12 + 0.3);
    }
  } catch { /* audio blocked until the first click: the visual signal remains */ }
  if (document.hidden && 'Notification' in window && Notification.permission === 'granted') new Notification(title, { body });
}

export function setTitleCount(unread: number): void {
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
}
