'use client';

import { useTranslations } from 'next-intl';
import { addParkingLotItem, removeItem, setItemText } from '../../domain/ibb/ibb-board';
import type { ParkingLotView } from '../../domain/ibb/ibb-board';
import { newId } from '../board/new-id';
import { AddForm, BoardSection, ItemText, SpotlightToggle, useSpotlightFrame } from './item-parts';
import { useSession } from './session-context';

/** Things raised that belong elsewhere or later, kept so nobody's point is lost. */
export function ParkingLotSection() {
  const t = useTranslations('ibbSession.parkingLot');
  const { board, doc, can } = useSession();
  return (
    <BoardSection id="parking-lot" title={t('title')} intro={t('intro')} isCurrent={false}>
      {board.parkingLot.length === 0 ? (
        <p className="italic text-zinc-700">{t('none')}</p>
      ) : (
        <ul className="space-y-2">
          {board.parkingLot.map((item, index) => (
            <ParkedItem key={item.id} item={item} label={t('label', { position: index + 1 })} />
          ))}
        </ul>
      )}
      {can.canEditBoard && <AddForm label={t('add')} submitLabel={t('addSubmit')} onAdd={(text) => addParkingLotItem(doc, { id: newId(), text })} />}
    </BoardSection>
  );
}

function ParkedItem({ item, label }: { item: ParkingLotView; label: string }) {
  const t = useTranslations('ibbSession');
  const { doc, can } = useSession();
  const { isSpotlit, ...frame } = useSpotlightFrame('parkingLot', item.id);
  return (
    <li {...frame} className={`flex flex-wrap items-center gap-2 rounded-md border border-zinc-300 p-2 ${frame.className}`} aria-current={isSpotlit ? 'true' : undefined}>
      <div className="min-w-[12rem] flex-1">
        <ItemText value={item.text} label={label} canEdit={can.canEditBoard} onChange={(v) => setItemText(doc, 'parkingLot', item.id, 'text', v)} />
      </div>
      <SpotlightToggle kind="parkingLot" id={item.id} itemLabel={label} />
      {can.canOrganize && (
        <button type="button" className="btn-danger min-h-[36px] px-2 py-1 text-sm" aria-label={t('removeItem', { item: label })} onClick={() => removeItem(doc, 'parkingLot', item.id)}>
          {t('remove')}
        </button>
      )}
    </li>
  );
}
