// Shows the print buttons of a page and makes them print it. Without JavaScript the browser's own print command does the same.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
