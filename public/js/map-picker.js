// Choosing a point on a map for the fields beside it (latitude, longitude), for those who can click
// on a map; the fields themselves stay the way to give a point by keyboard or by typing it.
(() => {
  const TILE = 256;
  const clampLat = (lat) => Math.max(-85, Math.min(85, lat));
  const project = (lat, lng, z) => {
    const n = TILE * 2 ** z;
    const s = Math.sin((clampLat(lat) * Math.PI) / 180);
    return { x: ((lng + 180) / 360) * n, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n };
  };
  const unproject = (x, y, z) => {
    const n = TILE * 2 ** z;
    const lng = (x / n) * 360 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
    return { lat, lng };
  };
  for (const box of document.querySelectorAll('[data-map-picker]')) {
    const latField = document.getElementById(box.dataset.lat);
    const lngField = document.getElementById(box.dataset.lng);
    if (!latField || !lngField) continue;
    const [clat, clng] = box.dataset.center.split(',').map(Number);
    let center = { lat: Number(latField.value) || clat, lng: Number(lngField.value) || clng };
    let zoom = latField.value ? 16 : 12;
    const view = document.createElement('div');
    view.className = 'map-picker__view';
    const marker = document.createElement('div');
    marker.className = 'map-picker__marker';
    const credit = document.createElement('p');
    credit.className = 'map-picker__credit';
    credit.textContent = box.dataset.attribution;
    const zoomBy = (d) => {
      zoom = Math.max(3, Math.min(18, zoom + d));
      draw();
    };
    const button = (text, d) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.tabIndex = -1;
      b.className = 'map-picker__zoom';
      b.textContent = text;
      b.addEventListener('click', () => zoomBy(d));
      return b;
    };
    box.append(view, button('+', 1), button('−', -1), credit);
    box.hidden = false;
    const draw = () => {
      const w = view.clientWidth;
      const h = view.clientHeight;
      const c = project(center.lat, center.lng, zoom);
      const left = c.x - w / 2;
      const top = c.y - h / 2;
      view.replaceChildren();
      const max = 2 ** zoom;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
        for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + h) / TILE); ty++) {
          if (ty < 0 || ty >= max) continue;
          const img = document.createElement('img');
          img.alt = '';
          img.src = box.dataset.tiles
            .replace('{z}', String(zoom))
            .replace('{x}', String(((tx % max) + max) % max))
            .replace('{y}', String(ty));
          img.style.left = `${tx * TILE - left}px`;
          img.style.top = `${ty * TILE - top}px`;
          view.append(img);
        }
      }
      if (latField.value && lngField.value) {
        const p = project(Number(latField.value), Number(lngField.value), zoom);
        marker.style.left = `${p.x - left}px`;
        marker.style.top = `${p.y - top}px`;
        view.append(marker);
      }
    };
    view.addEventListener('click', (e) => {
      const r = view.getBoundingClientRect();
      const c = project(center.lat, center.lng, zoom);
      const p = unproject(c.x - r.width / 2 + (e.clientX - r.left), c.y - r.height / 2 + (e.clientY - r.top), zoom);
      latField.value = p.lat.toFixed(6);
      lngField.value = p.lng.toFixed(6);
      center = p;
      if (zoom < 15) zoom = 15;
      draw();
    });
    for (const f of [latField, lngField]) {
      f.addEventListener('change', () => {
        if (latField.value && lngField.value) center = { lat: Number(latField.value), lng: Number(lngField.value) };
        draw();
      });
    }
    draw();
  }
})();
