import { RescaleToIso4217Digits } from '../iso-4217-rescale';

/** Data only: amounts stored with ICU's minor digits (0 for HUF, IDR, PKR, COP, 3 for IQD …) move to ISO 4217's (see the base class). */
export class Migration20261204173000 extends RescaleToIso4217Digits {

  protected override table(name: string): string {
    return `\`${name}\``;
  }

}
